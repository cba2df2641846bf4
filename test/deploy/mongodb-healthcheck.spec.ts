import { isMongoService, loadCompose, networkNames, type Service } from './compose.model.js';
import { mongodOption, mongoshEvalScript, rootUser, runHealthcheck, type MemberPhase } from './mongosh.simulator.js';

/**
 * The MongoDB healthcheck of docker-compose.yml, run against a simulated member in each phase of
 * its start: it must initiate the single-node replica set, and report healthy only once the
 * member is PRIMARY, since the service waits on it (`service_healthy`) before its first write.
 */
const model = loadCompose();
const mongoServices = [...model.services.values()].filter(isMongoService);

function run(service: Service, phase: MemberPhase) {
  const script = mongoshEvalScript(service);
  if (script === undefined) throw new Error(`${service.name}: the healthcheck is not ["CMD", "mongosh", ..., "--eval", <script>]`);
  const root = rootUser(service);
  return runHealthcheck(script, { phase, ...(root ? { root } : {}) }, service.environment);
}

describe('MongoDB healthcheck in docker-compose.yml', () => {
  it('exists for the default and the dev servers', () => {
    expect(mongoServices.map((s) => s.name).length).toBeGreaterThanOrEqual(2);
    for (const service of mongoServices) expect(mongoshEvalScript(service)).toEqual(expect.any(String));
  });

  for (const service of mongoServices) {
    describe(service.name, () => {
      it('initiates the replica set on a fresh member, as the set mongod runs, under a name the network resolves, and is not healthy yet', () => {
        const fresh = run(service, 'uninitiated');
        expect(fresh.initiated).toHaveLength(1);
        const [config] = fresh.initiated;
        expect(config?._id).toBe(mongodOption(service, '--replSet'));
        expect(config?.members).toHaveLength(1);
        const [host, port] = (config?.members[0]?.host ?? '').split(':');
        expect(networkNames(service)).toContain(host);
        expect(Number(port ?? 27017)).toBe(Number(mongodOption(service, '--port') ?? 27017));
        expect(fresh.healthy).toBe(false);
      });

      it.each<MemberPhase>(['electing', 'secondary'])('stays unhealthy while the member is initiated but not PRIMARY (%s), initiating nothing again', (phase) => {
        const result = run(service, phase);
        expect(result).toMatchObject({ healthy: false, initiated: [] });
      });

      it('is healthy once the member is PRIMARY', () => {
        expect(run(service, 'primary')).toMatchObject({ healthy: true, exitCode: 0, initiated: [] });
      });

      it("stays unhealthy during the image's first-start initialisation (a temporary mongod without --replSet)", () => {
        expect(run(service, 'initdb')).toMatchObject({ healthy: false, initiated: [] });
      });

      it('authenticates with the root user of the container when the server has one', () => {
        const root = rootUser(service);
        if (root === undefined) {
          expect(service.profiles).toContain('dev');
          return;
        }
        const script = mongoshEvalScript(service) as string;
        const strangers = runHealthcheck(script, { phase: 'uninitiated', root: { user: root.user, password: `${root.password}-other` } }, service.environment);
        expect(strangers).toMatchObject({ healthy: false, initiated: [] });
      });

      it('holds back the services that depend on it until it is healthy', () => {
        const dependents = [...model.services.values()].filter((s) => s.dependsOn[service.name] !== undefined);
        for (const dependent of dependents) expect({ [dependent.name]: dependent.dependsOn[service.name] }).toEqual({ [dependent.name]: 'service_healthy' });
      });
    });
  }
});
