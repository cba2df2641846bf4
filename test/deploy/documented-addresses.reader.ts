import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMPOSE_FILE, parseYaml, readText, ROOT, type ComposeModel } from './compose.model.js';

/**
 * The server addresses the project documents: in the README's section on KurrentDB + MongoDB, in
 * the skip messages of the server suite, in the servers workflow, and in the compose file's own
 * service environments (those are used from inside the compose network, by that service).
 */
export interface DocumentedAddress {
  /** As written, variables not yet substituted. */
  uri: string;
  origin: string;
  /** The compose service that connects with it, for addresses in the compose file. */
  consumer?: string;
}

export const README_SECTION = '## Running against KurrentDB + MongoDB';
export const WORKFLOW_FILE = '.github/workflows/servers.yml';
export const SERVER_SUITE = 'test/servers.e2e.spec.ts';

const SCHEMES = 'mongodb(?:\\+srv)?|kurrentdb(?:\\+discover)?|kurrent(?:\\+discover)?|kdb(?:\\+discover)?|esdb(?:\\+discover)?';
const ADDRESS_START = new RegExp(`^\\s*(?:${SCHEMES}):\\/\\/`);
// Up to a space, a quote, a backtick, a table bar or a line continuation.
const ADDRESS = new RegExp(`\\b(?:${SCHEMES}):\\/\\/[^\\s'"\\x60<>|\\\\]+`, 'g');

export function addressesIn(text: string, origin: string): DocumentedAddress[] {
  return [...text.matchAll(ADDRESS)].map((match) => ({ uri: match[0].replace(/[.,;:)]+$/, ''), origin }));
}

export function readmeSection(readme: string, heading = README_SECTION): string {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no section "${heading}"`);
  const next = readme.indexOf('\n## ', start + heading.length + 2);
  return readme.slice(start, next < 0 ? undefined : next);
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

export function documentedAddresses(model: ComposeModel): DocumentedAddress[] {
  const found: DocumentedAddress[] = [];
  found.push(...addressesIn(readmeSection(readText('README.md')), `README.md (${README_SECTION.slice(3)})`));
  found.push(...addressesIn(readText(SERVER_SUITE), SERVER_SUITE));
  if (existsSync(resolve(ROOT, WORKFLOW_FILE))) {
    found.push(...stringsOf(parseYaml(readText(WORKFLOW_FILE))).flatMap((text) => addressesIn(text, WORKFLOW_FILE)));
  }
  for (const [name, definition] of Object.entries(model.raw.services)) {
    const environment = definition.environment;
    const entries = Array.isArray(environment)
      ? environment.map((entry) => String(entry).split(/=(.*)/s).slice(0, 2))
      : Object.entries((environment ?? {}) as Record<string, unknown>).map(([key, value]) => [key, String(value)]);
    for (const [key, value] of entries) {
      // A whole value: substitutions such as ${VAR:?message} may hold spaces.
      if (value !== undefined && ADDRESS_START.test(value)) {
        found.push({ uri: value.trim(), origin: `${COMPOSE_FILE} services.${name}.environment.${key}`, consumer: name });
      }
    }
  }
  return found;
}
