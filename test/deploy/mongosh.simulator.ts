import { runInNewContext } from 'node:vm';
import type { Service } from './compose.model.js';

/**
 * Runs a MongoDB healthcheck script (`mongosh --eval <script>`) against a simulated server, the
 * way `docker exec` runs it in the container: with the container's environment, mongosh's shell
 * helpers (`db`, `rs`, `quit`) and its exit status (0 when the script ends, 1 when it throws,
 * n on `quit(n)`). The simulated member answers like mongod does in each phase of its start.
 */
export type MemberPhase =
  /** The image's first-start initialisation: a temporary mongod without --replSet (and without auth). */
  | 'initdb'
  /** mongod with --replSet, no replica-set configuration yet. */
  | 'uninitiated'
  /** Configuration accepted, election not over (STARTUP2 / not yet writable). */
  | 'electing'
  | 'secondary'
  | 'primary';

export interface ReplicaSetConfig {
  _id: string;
  members: { _id: number; host: string }[];
}

export interface HealthcheckRun {
  exitCode: number;
  healthy: boolean;
  initiated: ReplicaSetConfig[];
  error?: string;
}

class ServerError extends Error {
  constructor(message: string, readonly code: number, readonly codeName: string) {
    super(message);
  }
}

class Quit extends Error {
  constructor(readonly exitCode: number) {
    super(`quit(${exitCode})`);
  }
}

export interface SimulatedServer {
  phase: MemberPhase;
  /** The root user the image created; undefined when the server runs without authentication. */
  root?: { user: string; password: string };
}

export function runHealthcheck(script: string, server: SimulatedServer, env: Record<string, string>): HealthcheckRun {
  const initiated: ReplicaSetConfig[] = [];
  let authenticated = false;
  const authRequired = server.root !== undefined && server.phase !== 'initdb';

  const requireAuth = () => {
    if (authRequired && !authenticated) throw new ServerError('Command requires authentication', 13, 'Unauthorized');
  };
  const hello = () => ({
    ok: 1,
    isWritablePrimary: server.phase === 'primary' || server.phase === 'initdb',
    ismaster: server.phase === 'primary' || server.phase === 'initdb',
    secondary: server.phase === 'secondary',
    ...(server.phase === 'initdb' || server.phase === 'uninitiated' ? {} : { setName: initiated[0]?._id ?? 'rs0' }),
  });
  const status = () => {
    requireAuth();
    if (server.phase === 'initdb') throw new ServerError('not running with --replSet', 76, 'NoReplicationEnabled');
    if (server.phase === 'uninitiated') throw new ServerError('no replset config has been received', 94, 'NotYetInitialized');
    const myState = { electing: 5, secondary: 2, primary: 1 }[server.phase];
    return { ok: 1, myState, members: [{ _id: 0, self: true, state: myState, stateStr: { 1: 'PRIMARY', 2: 'SECONDARY', 5: 'STARTUP2' }[myState] }] };
  };
  const initiate = (config: ReplicaSetConfig) => {
    requireAuth();
    if (server.phase === 'initdb') throw new ServerError('This node was not started with replication enabled.', 76, 'NoReplicationEnabled');
    if (server.phase !== 'uninitiated') throw new ServerError('already initialized', 23, 'AlreadyInitialized');
    initiated.push(JSON.parse(JSON.stringify(config)) as ReplicaSetConfig);
    server.phase = 'electing';
    return { ok: 1 };
  };
  const auth = (user: string | { user: string; pwd: string }, password?: string) => {
    const [name, secret] = typeof user === 'string' ? [user, password] : [user.user, user.pwd];
    if (server.root === undefined || server.phase === 'initdb' || name !== server.root.user || secret !== server.root.password) {
      throw new ServerError('Authentication failed.', 18, 'AuthenticationFailed');
    }
    authenticated = true;
    return { ok: 1 };
  };
  const command = (cmd: Record<string, unknown>) => {
    if ('hello' in cmd || 'isMaster' in cmd || 'ismaster' in cmd) return hello();
    if ('replSetGetStatus' in cmd) return status();
    if ('replSetInitiate' in cmd) return initiate(cmd.replSetInitiate as ReplicaSetConfig);
    requireAuth();
    return { ok: 1 };
  };
  const database = (): Record<string, unknown> => ({
    getSiblingDB: () => database(),
    getName: () => 'admin',
    auth,
    hello,
    isMaster: hello,
    adminCommand: command,
    runCommand: command,
  });
  const sandbox = {
    db: database(),
    rs: {
      status,
      initiate,
      hello,
      isMaster: hello,
      conf: () => {
        requireAuth();
        return initiated[0];
      },
    },
    quit: (code = 0) => {
      throw new Quit(code);
    },
    exit: (code = 0) => {
      throw new Quit(code);
    },
    print: () => undefined,
    printjson: () => undefined,
    console: { log: () => undefined, error: () => undefined },
    process: { env: { ...env } },
  };
  try {
    runInNewContext(script, sandbox, { timeout: 2000 });
    return { exitCode: 0, healthy: true, initiated };
  } catch (error) {
    if (error instanceof Quit) return { exitCode: error.exitCode, healthy: error.exitCode === 0, initiated };
    return { exitCode: 1, healthy: false, initiated, error: (error as Error).message };
  }
}

/** The script of a `["CMD", "mongosh", ..., "--eval", script]` healthcheck; undefined for another form. */
export function mongoshEvalScript(service: Service): string | undefined {
  const test = service.healthcheck?.test;
  if (!Array.isArray(test) || test[0] !== 'CMD' || test[1] !== 'mongosh') return undefined;
  const at = test.indexOf('--eval');
  return at < 0 ? undefined : test[at + 1];
}

/** The root user the image creates from MONGO_INITDB_ROOT_USERNAME / _PASSWORD, if both are set. */
export function rootUser(service: Service): SimulatedServer['root'] {
  const user = service.environment.MONGO_INITDB_ROOT_USERNAME;
  const password = service.environment.MONGO_INITDB_ROOT_PASSWORD;
  return user && password ? { user, password } : undefined;
}

/** The replica-set configuration the healthcheck gives on a fresh start (undefined if it gives none). */
export function initiatedConfig(service: Service): ReplicaSetConfig | undefined {
  const script = mongoshEvalScript(service);
  if (script === undefined) return undefined;
  const root = rootUser(service);
  return runHealthcheck(script, { phase: 'uninitiated', ...(root ? { root } : {}) }, service.environment).initiated[0];
}

/** The value of a mongod option (`--replSet rs0` or `--replSet=rs0`) in the service's command. */
export function mongodOption(service: Service, option: string): string | undefined {
  const args = service.command;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === option) return args[i + 1];
    if (arg.startsWith(`${option}=`)) return arg.slice(option.length + 1);
  }
  return undefined;
}
