import { certificateService, scriptOf } from './connection-strings.rules.js';
import {
  isKurrentService,
  isMongoService,
  loadCompose,
  LOOPBACK,
  oneShotServices,
  parseEnvFile,
  readText,
  variablesOf,
  type Service,
} from './compose.model.js';
import { mongodOption, rootUser } from './mongosh.simulator.js';

/** docker-compose.yml is safe by default: what it publishes, restarts, keeps and leaves open. */
const model = loadCompose();
const services = [...model.services.values()];
const oneShots = oneShotServices(model);
const inDevProfile = (service: Service) => service.profiles.includes('dev');
const insecureKurrent = (service: Service) => service.environment.KURRENTDB_INSECURE === 'true' || service.command.includes('--insecure');
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|USERNAME|_KEY$/;
const ONLY_A_VARIABLE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?\?[^}]*|:?-)?\}$/;

function strings(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, `${path}.${key}`));
  return [];
}

describe('docker-compose.yml is safe by default', () => {
  it('publishes every port on 127.0.0.1 only, the dev profile included', () => {
    const published = services.flatMap((s) => s.ports.map((p) => ({ service: s.name, ...p })));
    expect(published.length).toBeGreaterThan(0);
    expect(published.filter((p) => p.hostIp === undefined || !LOOPBACK.has(p.hostIp)).map((p) => `${p.service}: ${p.text}`)).toEqual([]);
  });

  it('restarts every long-running service unless stopped, and no one-shot service', () => {
    const wrong = services.flatMap((s) => {
      if (oneShots.has(s.name)) return s.restart === undefined || s.restart === 'no' ? [] : [`${s.name} (one-shot): restart ${s.restart}`];
      return s.restart === 'unless-stopped' ? [] : [`${s.name}: restart ${s.restart ?? '(none)'}`];
    });
    expect(wrong).toEqual([]);
  });

  it('has each one-shot service awaited by a long-running service of the same profiles (so `up --wait` succeeds)', () => {
    const orphans = [...oneShots].filter((name) => {
      const job = model.services.get(name);
      return !services.some((s) => !oneShots.has(s.name) && s.dependsOn[name] === 'service_completed_successfully' && s.profiles.join() === job?.profiles.join());
    });
    expect(orphans).toEqual([]);
  });

  it('keeps no credentials in the file: secrets come from variables without a default', () => {
    expect(model.text).not.toMatch(/changeit/i);
    const literal: string[] = [];
    for (const [name, definition] of Object.entries(model.raw.services)) {
      for (const [path, value] of strings(definition.environment, `${name}.environment`)) {
        const key = path.split('.').pop() ?? '';
        const listed = /^(\w+)=(.*)$/s.exec(value);
        const [secretKey, secretValue] = listed ? [listed[1] as string, listed[2] as string] : [key, value];
        if (SECRET_NAME.test(secretKey) && !ONLY_A_VARIABLE.test(secretValue.trim())) literal.push(`${path}: ${secretValue}`);
      }
      for (const [path, value] of strings(definition, name)) {
        // An address's password must be one whole variable: ${...} masked, what is left is the text.
        const masked = value.replace(/\$\{[^}]*\}/g, '\u0000');
        const userinfo = /:\/\/([^/@\s]*)@/.exec(masked)?.[1];
        if (userinfo?.includes(':') && userinfo.slice(userinfo.indexOf(':') + 1) !== '\u0000') literal.push(`${path}: a password written in an address`);
      }
    }
    expect(literal).toEqual([]);
    const defaults = variablesOf(model.text).filter((v) => SECRET_NAME.test(v.name) && v.defaulted && v.fallback !== '');
    expect(defaults.map((v) => `${v.name} defaults to ${v.fallback}`)).toEqual([]);
  });

  it('reads every variable it uses from .env.example, and keeps .env out of git and of the image', () => {
    const example = parseEnvFile(readText('.env.example'));
    const used = [...new Set(variablesOf(model.text).map((v) => v.name))];
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !example.has(name))).toEqual([]);
    const required = variablesOf(model.text).filter((v) => v.required).map((v) => v.name);
    expect(required).toEqual(expect.arrayContaining(['MONGO_ROOT_PASSWORD', 'KURRENTDB_ADMIN_PASSWORD']));
    // The example holds no secret of its own: every password is left for the operator to fill in.
    expect([...example].filter(([name, value]) => /PASSWORD/.test(name) && value !== '').map(([name]) => name)).toEqual([]);
    const lines = (file: string) => readText(file).split('\n').map((line) => line.trim());
    expect(lines('.gitignore')).toContain('.env');
    expect(lines('.gitignore')).not.toContain('.env.example');
    expect(lines('.dockerignore')).toContain('.env');
  });

  it('keeps the open servers (no TLS, no authentication) in the dev profile', () => {
    const open = services.filter((s) => (isKurrentService(s) && insecureKurrent(s)) || (isMongoService(s) && rootUser(s) === undefined));
    expect(open.filter((s) => !inDevProfile(s)).map((s) => s.name)).toEqual([]);
    expect(services.filter((s) => inDevProfile(s) && !oneShots.has(s.name)).every((s) => s.ports.length > 0)).toBe(true);
  });

  it('runs KurrentDB in secure mode, with the certificates of its certificate service and passwords of its own', () => {
    const secured = services.filter((s) => isKurrentService(s) && !inDevProfile(s));
    expect(secured.length).toBeGreaterThan(0);
    for (const kurrent of secured) {
      expect(insecureKurrent(kurrent)).toBe(false);
      for (const user of ['ADMIN', 'OPS']) {
        expect(kurrent.environment[`KURRENTDB_DEFAULT_${user}_PASSWORD`]).toMatch(/.{16,}/);
        expect(kurrent.environment[`KURRENTDB_DEFAULT_${user}_PASSWORD`]).not.toBe('changeit');
      }
      const certificates = certificateService(model, kurrent);
      expect(certificates?.name).toBeDefined();
      for (const setting of ['KURRENTDB_CERTIFICATE_FILE', 'KURRENTDB_CERTIFICATE_PRIVATE_KEY_FILE', 'KURRENTDB_TRUSTED_ROOT_CERTIFICATES_PATH']) {
        const path = kurrent.environment[setting] ?? '';
        const mount = kurrent.mounts.find((m) => path.startsWith(`${m.target}/`));
        const shared = certificates?.mounts.find((m) => m.source === mount?.source);
        expect({ setting, written: shared !== undefined && scriptOf(certificates as Service).includes(`${shared.target}/${path.slice((mount?.target.length ?? 0) + 1)}`) }).toEqual({ setting, written: true });
      }
    }
  });

  it('runs MongoDB with authentication: a root user and a keyfile for the replica set', () => {
    const secured = services.filter((s) => isMongoService(s) && !inDevProfile(s));
    expect(secured.length).toBeGreaterThan(0);
    for (const mongo of secured) {
      expect(rootUser(mongo)?.password).toMatch(/.{16,}/);
      const keyFile = mongodOption(mongo, '--keyFile');
      expect(keyFile).toBeDefined();
      // Generated at start (owner-only, as mongod demands) or mounted: either way the container has it.
      const entrypoint = mongo.entrypoint.join(' ');
      const generated = entrypoint.includes(keyFile as string) && /chmod 0?[46]00/.test(entrypoint);
      const mounted = mongo.mounts.some((m) => m.target === keyFile);
      expect(generated || mounted).toBe(true);
    }
  });

  it('starts the service container with HOST=0.0.0.0 (reachable through its published port)', () => {
    const built = Object.entries(model.raw.services).filter(([, definition]) => definition.build !== undefined).map(([name]) => name);
    expect(built.length).toBeGreaterThan(0);
    for (const name of built) expect(model.services.get(name)?.environment.HOST).toBe('0.0.0.0');
  });
});
