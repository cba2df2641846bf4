import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/app-config.js';

/** `recorder` may append facts; `admin` may also correct and retract them, and verify the log. */
export type Role = 'recorder' | 'admin';

export interface Principal {
  actor: string;
  role: Role;
}

/**
 * Who may write: bearer tokens, the actor each belongs to and its role. The registry keeps
 * only SHA-256 digests of the tokens and compares them in constant time.
 */
export class TokenRegistry {
  private readonly entries: { principal: Principal; digest: Buffer }[];

  constructor(entries: { actor: string; role: Role; digest: Buffer }[]) {
    for (const { actor, digest } of entries) {
      // A digest of another length would make every comparison throw (a 500 per request): refused at start.
      if (digest.length !== DIGEST_BYTES) throw new ConfigError(`the token digest of actor "${actor}" is not a SHA-256 (${digest.length} bytes instead of ${DIGEST_BYTES})`);
    }
    this.entries = entries.map(({ actor, role, digest }) => ({ principal: { actor, role }, digest }));
  }

  static fromTokens(tokens: Map<string, string>, admins: ReadonlySet<string>): TokenRegistry {
    return new TokenRegistry([...tokens].map(([actor, token]) => ({ actor, role: admins.has(actor) ? 'admin' : 'recorder', digest: digestOf(token) })));
  }

  /** The owner of the token, or null. Every entry is compared, whatever matches. */
  principalOf(token: string): Principal | null {
    const candidate = digestOf(token);
    let found: Principal | null = null;
    for (const { principal, digest } of this.entries) {
      if (timingSafeEqual(candidate, digest) && found === null) found = principal;
    }
    return found;
  }

  /** The actor owning the token, or null. */
  actorOf(token: string): string | null {
    return this.principalOf(token)?.actor ?? null;
  }

  /** The role of an actor holding a token, or null for an actor without one. */
  roleOf(actor: string): Role | null {
    return this.entries.find((e) => e.principal.actor === actor)?.principal.role ?? null;
  }

  get actors(): string[] {
    return this.entries.map((e) => e.principal.actor);
  }
}

export function digestOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

const DIGEST_BYTES = 32;
const DIGEST_TEXT = /^[0-9a-f]{64}$/i;

export const GENERATED_TOKEN_FILE = 'api-token';
export const GENERATED_DIGEST_FILE = 'api-token.sha256';
export const GENERATED_ACTOR = 'admin';

/**
 * Where API_TOKENS is unset: on the first start, generates a token for the actor `admin`
 * (role admin), writes it for the operator to `DATA_DIR/api-token` (0600) and its digest to
 * `DATA_DIR/api-token.sha256`. The service only ever reads the digest: the operator may move
 * the token file away once it is copied.
 */
export function generatedToken(dataDir: string): { actor: string; digest: Buffer; file: string; created: boolean } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, GENERATED_TOKEN_FILE);
  const digestFile = join(dataDir, GENERATED_DIGEST_FILE);
  if (existsSync(digestFile)) return { actor: GENERATED_ACTOR, digest: readDigestFile(digestFile), file, created: false };
  const token = randomBytes(32).toString('base64url');
  const digest = digestOf(token);
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  writeFileSync(digestFile, `${digest.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(digestFile, 0o600);
  return { actor: GENERATED_ACTOR, digest, file, created: true };
}

/**
 * The digest kept in `api-token.sha256`: 64 hexadecimal characters. Anything else stops the start
 * with a message saying what to do (a corrupt file would otherwise refuse every token with a 500).
 */
export function readDigestFile(digestFile: string): Buffer {
  const text = readFileSync(digestFile, 'utf8').trim();
  if (!DIGEST_TEXT.test(text)) {
    throw new ConfigError(
      `${digestFile} is corrupt: it must hold the SHA-256 of the generated token as 64 hexadecimal characters ` +
        `(found ${text.length === 0 ? 'nothing' : `${text.length} characters${/^[0-9a-f]*$/i.test(text) ? '' : ', not all hexadecimal'}`}). ` +
        `Delete it together with ${GENERATED_TOKEN_FILE} to generate a new token on the next start, or set API_TOKENS.`,
    );
  }
  return Buffer.from(text, 'hex');
}
