import { judge } from './connection-strings.rules.js';
import { isKurrentService, isMongoService, loadCompose, ROOT, sampleEnv, type Env } from './compose.model.js';
import { documentedAddresses, README_SECTION, SERVER_SUITE, WORKFLOW_FILE } from './documented-addresses.reader.js';

/**
 * Every server address the project documents (README, the server suite's skip message, the servers
 * workflow, the compose file's own service environments) is read by the clients' own parsers and
 * checked against docker-compose.yml: it reaches a published port or a service name, carries the
 * credentials the server was given, and, from this machine, does not follow the replica set to a
 * member name only the compose network resolves.
 */
const env: Env = { ...sampleEnv(), GITHUB_WORKSPACE: ROOT };
const model = loadCompose(env);
const addresses = documentedAddresses(model);
const judged = addresses.map((address) => ({ address, verdict: judge(address, model, env) }));
const servers = [...model.services.values()].filter((s) => (isMongoService(s) || isKurrentService(s)) && s.ports.length > 0);

describe('documented server addresses', () => {
  it('are found in the README section, the server suite, the workflow and the compose file', () => {
    const origins = new Set(addresses.map((a) => a.origin.split(' ')[0]));
    expect([...origins]).toEqual(expect.arrayContaining(['README.md', SERVER_SUITE, WORKFLOW_FILE, 'docker-compose.yml']));
    expect(README_SECTION).toMatch(/^## /);
  });

  it('each connect: the clients parse them and the compose servers accept them', () => {
    expect(judged.flatMap(({ verdict }) => verdict.problems)).toEqual([]);
  });

  it('include, in the README, an address from this machine for every server the compose file publishes', () => {
    const fromReadme = judged.filter(({ address, verdict }) => address.origin.startsWith('README.md') && verdict.side === 'host');
    const missing = servers.filter((server) => !fromReadme.some(({ verdict }) => verdict.service === server.name));
    expect(missing.map((s) => s.name)).toEqual([]);
  });

  it('give the containers in-network addresses (service names) for both stores', () => {
    const inCompose = judged.filter(({ address }) => address.consumer !== undefined);
    expect(inCompose.map(({ verdict }) => verdict.store).sort()).toEqual(['kurrentdb', 'mongodb']);
    expect(inCompose.filter(({ verdict }) => verdict.side !== 'network').map(({ address }) => address.origin)).toEqual([]);
  });

  it('from this machine, reach MongoDB directly (directConnection=true): the member is advertised under a compose name', () => {
    const mongoFromHost = judged.filter(({ verdict }) => verdict.store === 'mongodb' && verdict.side === 'host');
    expect(mongoFromHost.length).toBeGreaterThan(0);
    for (const { address } of mongoFromHost) expect(address.uri).toMatch(/[?&]directConnection=true(&|$)/);
  });
});

describe('the address rules', () => {
  const problemsOf = (uri: string, consumer?: string) => judge({ uri, origin: 'example', ...(consumer ? { consumer } : {}) }, model, env).problems;

  it('refuse the addresses documented before: replica-set discovery from this machine, no credentials, no TLS', () => {
    expect(problemsOf('mongodb://localhost:27017/governance?replicaSet=rs0').join('\n')).toMatch(/cannot resolve; connect with directConnection=true[\s\S]*requires authentication/);
    expect(problemsOf('kurrentdb://localhost:2113?tls=false').join('\n')).toMatch(/secure mode: tls=false cannot connect[\s\S]*no credentials/);
  });

  it('refuse a missing authSource, a wrong password, an unknown host and a CA file nobody writes', () => {
    const user = env.MONGO_ROOT_USERNAME as string;
    const password = env.MONGO_ROOT_PASSWORD as string;
    expect(problemsOf(`mongodb://${user}:${password}@localhost:27017/governance?directConnection=true`).join()).toMatch(/authSource=admin is missing/);
    expect(problemsOf(`mongodb://${user}:wrong@localhost:27017/governance?authSource=admin&directConnection=true`).join()).toMatch(/not mongodb's root user/);
    expect(problemsOf(`mongodb://${user}:${password}@db.example:27017/governance?authSource=admin`).join()).toMatch(/neither this machine/);
    expect(problemsOf(`kurrentdb://admin:${env.KURRENTDB_ADMIN_PASSWORD}@localhost:2113?tls=true&tlsCAFile=elsewhere/ca.crt`).join()).toMatch(/does not write the CA certificate there/);
  });

  it('refuse a host name the node certificate does not cover', () => {
    const text = model.text.replace(/-dns-names (\S*)localhost,?/, '-dns-names $1');
    expect(text).not.toBe(model.text);
    const uri = `kurrentdb://admin:${env.KURRENTDB_ADMIN_PASSWORD}@localhost:2113?tls=true&tlsCAFile=certs/ca.crt`;
    expect(judge({ uri, origin: 'example' }, model, env).problems).toEqual([]);
    expect(judge({ uri, origin: 'example' }, loadCompose(env, text), env).problems.join()).toMatch(/the node certificate covers .*, not localhost/);
  });

  it('accept the documented kinds of address', () => {
    const user = env.MONGO_ROOT_USERNAME as string;
    const password = env.MONGO_ROOT_PASSWORD as string;
    expect(problemsOf(`mongodb://${user}:${password}@127.0.0.1:27017/governance?authSource=admin&directConnection=true`)).toEqual([]);
    expect(problemsOf(`mongodb://${user}:${password}@mongodb:27017/governance?authSource=admin&replicaSet=rs0`, 'governance')).toEqual([]);
    expect(problemsOf('mongodb://localhost:27018/governance?directConnection=true')).toEqual([]);
    expect(problemsOf('kurrentdb://localhost:2114?tls=false')).toEqual([]);
  });
});
