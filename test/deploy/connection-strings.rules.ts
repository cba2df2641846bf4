import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import mongoose from 'mongoose';
import { isKurrentService, isMongoService, LOOPBACK, networkNames, ROOT, type ComposeModel, type Env, type Service, interpolate } from './compose.model.js';
import type { DocumentedAddress } from './documented-addresses.reader.js';
import { initiatedConfig, mongodOption, rootUser } from './mongosh.simulator.js';

/**
 * Whether a documented address connects to the compose servers, judged with the clients' own
 * parsers (the MongoDB driver's, the KurrentDB client's) and the compose file: who publishes what
 * on this machine, which names the network resolves, under which name the replica-set member is
 * advertised, which credentials the servers were given, which names the certificate covers.
 */
export interface Verdict {
  store: 'mongodb' | 'kurrentdb';
  /** `host`: from this machine (loopback); `network`: from a compose service (service names). */
  side?: 'host' | 'network';
  service?: string;
  problems: string[];
}

interface KurrentOptions {
  dnsDiscover: boolean;
  hosts: { address: string; port: number }[];
  defaultCredentials?: { username: string; password: string };
  tls?: boolean;
  tlsVerifyCert?: boolean;
  tlsCAFile?: string;
}
const { parseConnectionString } = createRequire(import.meta.url)('@kurrent/kurrentdb-client/dist/Client/parseConnectionString.js') as {
  parseConnectionString(uri: string): KurrentOptions;
};

/** The part of the driver's parsed options (`MongoClient.options`) the rules read. */
interface MongoOptions {
  hosts: { host?: string; port?: number }[];
  directConnection?: boolean;
  replicaSet?: string;
  dbName: string;
  credentials?: { username: string; password: string; source: string };
}

export const DATABASE = 'governance';

export function judge(address: DocumentedAddress, model: ComposeModel, env: Env): Verdict {
  const uri = interpolate(address.uri, env);
  return uri.startsWith('mongodb') ? judgeMongo(uri, address, model) : judgeKurrent(uri, address, model);
}

/** The service publishing `port` where this machine's loopback reaches it (127.0.0.1, or every interface). */
function publisher(model: ComposeModel, port: number, accepts: (s: Service) => boolean): Service | undefined {
  const reachable = (hostIp: string | undefined) => hostIp === undefined || hostIp === '0.0.0.0' || hostIp === '::' || LOOPBACK.has(hostIp);
  return [...model.services.values()].find((service) => accepts(service) && service.ports.some((p) => p.published === port && reachable(p.hostIp)));
}

function byNetworkName(model: ComposeModel, host: string, accepts: (s: Service) => boolean): Service | undefined {
  return [...model.services.values()].find((service) => accepts(service) && networkNames(service).includes(host));
}

function judgeMongo(uri: string, address: DocumentedAddress, model: ComposeModel): Verdict {
  const verdict: Verdict = { store: 'mongodb', problems: [] };
  const say = (problem: string) => verdict.problems.push(`${address.origin}: ${address.uri}: ${problem}`);
  let options: MongoOptions;
  try {
    options = new mongoose.mongo.MongoClient(uri).options as unknown as MongoOptions;
  } catch (error) {
    say(`the MongoDB driver refuses it (${(error as Error).message})`);
    return verdict;
  }
  const hosts = options.hosts.map((h) => ({ host: h.host ?? '', port: h.port ?? 27017 }));
  let service: Service | undefined;
  if (hosts.every((h) => LOOPBACK.has(h.host))) {
    verdict.side = 'host';
    service = hosts.length === 1 ? publisher(model, hosts[0]!.port, isMongoService) : undefined;
    if (!service) {
      say(`no MongoDB service of docker-compose.yml publishes ${hosts.map((h) => h.port).join(', ')} on this machine`);
      return verdict;
    }
  } else {
    const services = hosts.map((h) => byNetworkName(model, h.host, isMongoService));
    if (services.some((s) => s === undefined) || new Set(services).size !== 1) {
      say(`names ${hosts.map((h) => h.host).join(', ')}: neither this machine (loopback) nor the compose network (MongoDB service names) resolves that`);
      return verdict;
    }
    verdict.side = 'network';
    service = services[0]!;
    const port = hosts[0]!.port;
    const listens = Number(mongodOption(service, '--port') ?? 27017);
    if (port !== listens) say(`${service.name} listens on ${listens} inside the network, not ${port}`);
  }
  verdict.service = service.name;

  const setName = mongodOption(service, '--replSet');
  const config = initiatedConfig(service);
  if (setName === undefined || config === undefined) say(`${service.name} is not a replica set whose healthcheck initiates it (transactions need one)`);
  if (options.replicaSet !== undefined && options.replicaSet !== setName) say(`replicaSet=${options.replicaSet}, but ${service.name} runs the set ${setName}`);
  if (options.directConnection !== true && config !== undefined) {
    for (const member of config.members) {
      const [memberHost = ''] = member.host.split(':');
      const resolvable = verdict.side === 'host' ? LOOPBACK.has(memberHost) : byNetworkName(model, memberHost, () => true) !== undefined;
      if (!resolvable) {
        say(`the driver discovers the replica set's member as ${member.host}, a name ${verdict.side === 'host' ? 'this machine' : 'the compose network'} cannot resolve; connect with directConnection=true`);
      }
    }
  }

  const root = rootUser(service);
  if (root) {
    if (!options.credentials) say(`${service.name} requires authentication, and the address has no credentials`);
    else {
      if (options.credentials.username !== root.user || options.credentials.password !== root.password) {
        say(`the credentials are not ${service.name}'s root user (MONGO_INITDB_ROOT_USERNAME / _PASSWORD)`);
      }
      if (options.credentials.source !== 'admin') say(`the root user lives in the admin database: authSource=admin is missing (the driver would use ${options.credentials.source})`);
    }
  } else if (options.credentials) {
    say(`${service.name} runs without authentication and has no such user`);
  }
  if (options.dbName !== DATABASE) say(`names the database "${options.dbName}", not "${DATABASE}"`);
  return verdict;
}

function judgeKurrent(uri: string, address: DocumentedAddress, model: ComposeModel): Verdict {
  const verdict: Verdict = { store: 'kurrentdb', problems: [] };
  const say = (problem: string) => verdict.problems.push(`${address.origin}: ${address.uri}: ${problem}`);
  const ignored: string[] = [];
  const warn = console.warn;
  let options: KurrentOptions;
  console.warn = (message: unknown) => ignored.push(String(message).split('\n')[0] ?? '');
  try {
    options = parseConnectionString(uri);
  } catch (error) {
    say(`the KurrentDB client refuses it (${(error as Error).message.split('\n')[0]})`);
    return verdict;
  } finally {
    console.warn = warn;
  }
  for (const message of ignored) say(`the KurrentDB client says: ${message}`);
  const hosts = options.hosts;
  let service: Service | undefined;
  if (hosts.every((h) => LOOPBACK.has(h.address))) {
    verdict.side = 'host';
    service = hosts.length === 1 ? publisher(model, hosts[0]!.port, isKurrentService) : undefined;
    if (!service) {
      say(`no KurrentDB service of docker-compose.yml publishes ${hosts.map((h) => h.port).join(', ')} on this machine`);
      return verdict;
    }
  } else {
    const services = hosts.map((h) => byNetworkName(model, h.address, isKurrentService));
    if (services.some((s) => s === undefined) || new Set(services).size !== 1) {
      say(`names ${hosts.map((h) => h.address).join(', ')}: neither this machine (loopback) nor the compose network (KurrentDB service names) resolves that`);
      return verdict;
    }
    verdict.side = 'network';
    service = services[0]!;
    const listens = Number(service.environment.KURRENTDB_NODE_PORT ?? 2113);
    if (hosts[0]!.port !== listens) say(`${service.name} listens on ${listens} inside the network, not ${hosts[0]!.port}`);
  }
  verdict.service = service.name;

  const insecure = service.environment.KURRENTDB_INSECURE === 'true' || service.command.includes('--insecure');
  if (insecure) {
    if (options.tls !== false) say(`${service.name} runs insecure (no TLS): the client needs tls=false`);
    return verdict;
  }
  if (options.tls === false) say(`${service.name} runs in secure mode: tls=false cannot connect`);
  if (options.tlsVerifyCert === false) say('tlsVerifyCert=false accepts any certificate: give the CA with tlsCAFile instead');
  const password = service.environment.KURRENTDB_DEFAULT_ADMIN_PASSWORD;
  const credentials = options.defaultCredentials;
  if (!credentials) say(`${service.name} requires authentication, and the address has no credentials`);
  else if (credentials.username !== 'admin' || credentials.password !== password) {
    say(`the credentials are not ${service.name}'s admin user with KURRENTDB_DEFAULT_ADMIN_PASSWORD`);
  }
  const certificates = certificateService(model, service);
  if (!certificates) {
    say(`${service.name} depends on no certificate service (service_completed_successfully)`);
    return verdict;
  }
  const names = certificateNames(certificates);
  for (const host of hosts) if (!names.includes(host.address)) say(`the node certificate covers ${names.join(', ')}, not ${host.address}`);
  if (options.tlsCAFile === undefined) say("no tlsCAFile: the node certificate is signed by the stack's own CA, which the client does not trust otherwise");
  else {
    const problem = verdict.side === 'host'
      ? caFileFromHost(options.tlsCAFile, certificates)
      : caFileInService(options.tlsCAFile, certificates, address.consumer ? model.services.get(address.consumer) : undefined);
    if (problem) say(problem);
  }
  return verdict;
}

export function certificateService(model: ComposeModel, kurrent: Service): Service | undefined {
  const name = Object.entries(kurrent.dependsOn).find(([, condition]) => condition === 'service_completed_successfully')?.[0];
  return name === undefined ? undefined : model.services.get(name);
}

export function scriptOf(service: Service): string {
  return [...service.entrypoint, ...service.command].join(' ');
}

/** The DNS names and IP addresses es-gencert-cli puts in the node certificate. */
export function certificateNames(certificates: Service): string[] {
  const script = scriptOf(certificates);
  const list = (flag: string) => (new RegExp(`${flag}[ =]+(\\S+)`).exec(script)?.[1] ?? '').split(',').filter(Boolean);
  return [...list('-dns-names'), ...list('-ip-addresses')];
}

/** A path the certificate service writes, seen from a mount whose source it also mounts. */
function writtenThrough(certificates: Service, source: string, rest: string): boolean {
  return certificates.mounts.some((m) => m.source === source && scriptOf(certificates).includes(`${m.target.replace(/\/$/, '')}/${rest}`));
}

function caFileFromHost(caFile: string, certificates: Service): string | undefined {
  const path = resolve(ROOT, caFile);
  const mount = certificates.mounts.find((m) => m.kind === 'bind' && !relative(m.source, path).startsWith('..'));
  if (!mount || !writtenThrough(certificates, mount.source, relative(mount.source, path))) {
    return `tlsCAFile=${caFile}: ${certificates.name} does not write the CA certificate there (read from the repository root)`;
  }
  return undefined;
}

function caFileInService(caFile: string, certificates: Service, consumer: Service | undefined): string | undefined {
  if (!consumer) return undefined;
  const mount = consumer.mounts.find((m) => caFile.startsWith(`${m.target.replace(/\/$/, '')}/`));
  if (!mount || !writtenThrough(certificates, mount.source, caFile.slice(mount.target.replace(/\/$/, '').length + 1))) {
    return `tlsCAFile=${caFile}: no mount of ${consumer.name} holds the CA certificate ${certificates.name} writes`;
  }
  return undefined;
}
