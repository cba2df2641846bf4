import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * docker-compose.yml read the way `docker compose` reads it: YAML (anchors included), then the
 * variables substituted from an env file, then each service's ports, volumes and environment in
 * one shape whatever syntax the file uses (short or long).
 */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const COMPOSE_FILE = 'docker-compose.yml';

interface YamlModule {
  load(text: string, options?: { schema?: unknown }): unknown;
  DEFAULT_SAFE_SCHEMA?: unknown;
  DEFAULT_SCHEMA?: unknown;
}
// js-yaml is already installed (by the test tooling); 3.x and 4.x both load with their safe schema.
const yaml = createRequire(import.meta.url)('js-yaml') as YamlModule;

export function parseYaml(text: string): unknown {
  return yaml.load(text, { schema: yaml.DEFAULT_SAFE_SCHEMA ?? yaml.DEFAULT_SCHEMA });
}

export function readText(path: string): string {
  return readFileSync(resolve(ROOT, path), 'utf8');
}

export type Env = Record<string, string | undefined>;

const VARIABLE = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Compose's substitution: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `$VAR`, `$$`. */
export function interpolate(text: string, env: Env): string {
  return text.replace(VARIABLE, (match, braced: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare) as string;
    const value = env[name];
    const missing = value === undefined || (op?.startsWith(':') === true && value === '');
    if (op?.endsWith('?') && missing) throw new Error(`required variable ${name} is missing a value: ${arg ?? ''}`);
    if (op?.endsWith('-') && missing) return arg ?? '';
    return value ?? '';
  });
}

/** Every variable a text refers to, with whether it is required (`:?` / `?`) or has a default. */
export function variablesOf(text: string): { name: string; required: boolean; defaulted: boolean; fallback?: string }[] {
  const found: { name: string; required: boolean; defaulted: boolean; fallback?: string }[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    if (match[0] === '$$') continue;
    const op = match[2];
    found.push({
      name: (match[1] ?? match[4]) as string,
      required: op?.endsWith('?') === true,
      defaulted: op?.endsWith('-') === true,
      ...(op?.endsWith('-') ? { fallback: match[3] ?? '' } : {}),
    });
  }
  return found;
}

/** KEY=VALUE lines of an env file (comments and blank lines skipped, surrounding quotes removed). */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) values.set(match[1] as string, (match[2] as string).trim().replace(/^(['"])(.*)\1$/, '$2'));
  }
  return values;
}

/**
 * The env `docker compose` would read from a `.env` made from `.env.example`: its values, and for
 * each value the example leaves empty a sample secret (URL-safe, as the example asks), so that
 * every address can be built and parsed.
 */
export function sampleEnv(): Env {
  const env: Env = {};
  for (const [name, value] of parseEnvFile(readText('.env.example'))) {
    env[name] = value !== '' || !/PASSWORD|USERNAME/.test(name) ? value : createHash('sha256').update(name).digest('hex').slice(0, 32);
  }
  return env;
}

export interface Port {
  hostIp: string | undefined;
  published: number | undefined;
  target: number;
  text: string;
}

export interface Mount {
  kind: 'bind' | 'volume';
  /** Absolute path on the host for a bind mount, the volume's name otherwise. */
  source: string;
  target: string;
  readOnly: boolean;
}

export interface Service {
  name: string;
  image?: string;
  profiles: string[];
  restart?: string;
  environment: Record<string, string>;
  ports: Port[];
  mounts: Mount[];
  command: string[];
  entrypoint: string[];
  healthcheck?: { test?: string[] | string };
  dependsOn: Record<string, string>;
  hostname?: string;
  networkMode?: string;
}

export interface ComposeModel {
  services: Map<string, Service>;
  /** The parsed file before substitution (to check what the file itself holds). */
  raw: { services: Record<string, Record<string, unknown>> };
  text: string;
}

export function loadCompose(env: Env = sampleEnv(), text = readText(COMPOSE_FILE)): ComposeModel {
  const raw = parseYaml(text) as ComposeModel['raw'];
  if (raw === null || typeof raw !== 'object' || typeof raw.services !== 'object') throw new Error(`${COMPOSE_FILE} has no services`);
  const services = new Map<string, Service>();
  for (const [name, definition] of Object.entries(raw.services)) {
    services.set(name, toService(name, substitute(definition, env) as Record<string, unknown>));
  }
  return { services, raw, text };
}

function substitute(value: unknown, env: Env): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => substitute(item, env));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, env)]));
  }
  return value;
}

function toService(name: string, definition: Record<string, unknown>): Service {
  const healthcheck = definition.healthcheck as Service['healthcheck'] | undefined;
  return {
    name,
    ...(typeof definition.image === 'string' ? { image: definition.image } : {}),
    profiles: (definition.profiles as string[] | undefined) ?? [],
    ...(definition.restart !== undefined ? { restart: String(definition.restart) } : {}),
    environment: toEnvironment(definition.environment),
    ports: ((definition.ports as unknown[] | undefined) ?? []).map(toPort),
    mounts: ((definition.volumes as unknown[] | undefined) ?? []).map(toMount),
    command: toArgs(definition.command),
    entrypoint: toArgs(definition.entrypoint),
    ...(healthcheck ? { healthcheck } : {}),
    dependsOn: toDependsOn(definition.depends_on),
    ...(typeof definition.hostname === 'string' ? { hostname: definition.hostname } : {}),
    ...(typeof definition.network_mode === 'string' ? { networkMode: definition.network_mode } : {}),
  };
}

function toEnvironment(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((entry) => {
      const text = String(entry);
      const at = text.indexOf('=');
      return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
    }));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, item === null ? '' : String(item)]));
  }
  return {};
}

function toPort(value: unknown): Port {
  if (value !== null && typeof value === 'object') {
    const long = value as { target: number | string; published?: number | string; host_ip?: string };
    return {
      hostIp: long.host_ip,
      published: long.published === undefined ? undefined : Number(long.published),
      target: Number(long.target),
      text: JSON.stringify(value),
    };
  }
  const text = String(value);
  const parts = text.replace(/\/(tcp|udp)$/, '').split(':');
  const target = Number(parts.pop());
  const published = parts.length > 0 ? Number(parts.pop()) : undefined;
  const hostIp = parts.length > 0 ? parts.join(':').replace(/^\[(.*)\]$/, '$1') : undefined;
  return { hostIp, published, target, text };
}

function toMount(value: unknown): Mount {
  if (value !== null && typeof value === 'object') {
    const long = value as { type?: string; source?: string; target: string; read_only?: boolean };
    const kind = long.type === 'bind' ? 'bind' : 'volume';
    return { kind, source: kind === 'bind' ? resolve(ROOT, long.source ?? '') : long.source ?? '', target: long.target, readOnly: long.read_only === true };
  }
  const [source = '', target, mode] = String(value).split(':');
  if (target === undefined) return { kind: 'volume', source: '', target: source, readOnly: false };
  const bind = source.startsWith('.') || source.startsWith('/') || source.startsWith('~');
  return { kind: bind ? 'bind' : 'volume', source: bind && !isAbsolute(source) ? resolve(ROOT, source) : source, target, readOnly: mode?.split(',').includes('ro') === true };
}

function toArgs(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : String(value).split(/\s+/).filter(Boolean);
}

function toDependsOn(value: unknown): Record<string, string> {
  if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [String(name), 'service_started']));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, { condition?: string }>).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
  }
  return {};
}

/** One-shot services: those another service waits for with `service_completed_successfully`. */
export function oneShotServices(model: ComposeModel): Set<string> {
  const names = new Set<string>();
  for (const service of model.services.values()) {
    for (const [name, condition] of Object.entries(service.dependsOn)) if (condition === 'service_completed_successfully') names.add(name);
  }
  return names;
}

export function isMongoService(service: Service): boolean {
  return /^(docker\.io\/)?(library\/)?mongo(:|@|$)/.test(service.image ?? '');
}

export function isKurrentService(service: Service): boolean {
  return /(^|\/)(kurrentdb|eventstore)(:|@|$)/.test(service.image ?? '');
}

/** The names a service answers to inside the compose network. */
export function networkNames(service: Service): string[] {
  return [service.name, ...(service.hostname ? [service.hostname] : [])];
}

export const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
