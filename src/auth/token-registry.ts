import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Who may write: bearer tokens and the actor each belongs to. Tokens come from API_TOKENS;
 * where it is unset, the first start generates one for the actor `admin` and stores it in
 * DATA_DIR/api-token (owner-only), which later starts reuse.
 */
export class TokenRegistry {
  private readonly digests: { actor: string; digest: Buffer }[];

  constructor(tokens: Map<string, string>) {
    this.digests = [...tokens].map(([actor, token]) => ({ actor, digest: digest(token) }));
  }

  /** The actor owning the token, or null. Compares digests in constant time. */
  actorOf(token: string): string | null {
    const candidate = digest(token);
    let found: string | null = null;
    for (const { actor, digest: known } of this.digests) {
      if (timingSafeEqual(candidate, known) && found === null) found = actor;
    }
    return found;
  }

  get actors(): string[] {
    return this.digests.map((d) => d.actor);
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export const GENERATED_TOKEN_FILE = 'api-token';
export const GENERATED_ACTOR = 'admin';

/** Reads the generated token, creating it (mode 0600) on the first start. */
export function generatedToken(dataDir: string): { actor: string; token: string; file: string; created: boolean } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, GENERATED_TOKEN_FILE);
  if (existsSync(file)) {
    return { actor: GENERATED_ACTOR, token: readFileSync(file, 'utf8').trim(), file, created: false };
  }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { actor: GENERATED_ACTOR, token, file, created: true };
}
