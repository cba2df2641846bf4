import { createPrivateKey, generateKeyPairSync, type KeyObject, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../platform/config/app-config.js';
import { keyIdOf, publicKeyPem } from '../../modules/transparency-log/domain/signed-tree-head.js';

/**
 * The Ed25519 key that signs the transparency log's tree heads.
 *
 *   SIGNING_KEY_FILE set:  the private key is read from that file (PEM, PKCS#8); it must exist.
 *   otherwise:             DATA_DIR/log-signing-key.pem, created on first use (mode 0600, in a
 *                          directory created with mode 0700 when it does not exist).
 *
 * Partners audit with the PUBLIC key (`publicKeyPem`), which the service hands out; the private
 * key never leaves this file. Losing it means new heads cannot be checked against the old key:
 * keep a copy with the backups. A key that cannot be read, or is not an Ed25519 private key, is
 * refused with an error naming the file (a configuration error: the start stops there).
 */

export const DEFAULT_SIGNING_KEY_NAME = 'log-signing-key.pem';

export class SigningKeyError extends ConfigError {}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 of the public key's SPKI DER, hex (the `keyId` of the tree heads). */
  keyId: string;
  /** The public key, PEM (SPKI). */
  publicKeyPem: string;
  /** The file it was read from (or written to). */
  file: string;
  /** Whether this call created it. */
  created: boolean;
}

export interface SigningKeyLocation {
  /** SIGNING_KEY_FILE, when set: read only, never created. */
  file?: string;
  /** DATA_DIR: where the default key lives (and is created). */
  dataDir: string;
}

/** Where the key is, from the environment (SIGNING_KEY_FILE, DATA_DIR with its default ./data). */
export function signingKeyLocation(env: NodeJS.ProcessEnv = process.env): SigningKeyLocation {
  const file = env.SIGNING_KEY_FILE?.trim();
  return { ...(file ? { file: resolve(file) } : {}), dataDir: resolve(env.DATA_DIR ?? './data') };
}

export function loadSigningKey(location: SigningKeyLocation): SigningKey {
  if (location.file !== undefined) return fromPem(read(location.file), location.file, false);
  const file = join(resolve(location.dataDir), DEFAULT_SIGNING_KEY_NAME);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(file, error);
    return create(file, location.dataDir);
  }
  return fromPem(pem, file, false);
}

function create(file: string, dataDir: string): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    mkdirSync(resolve(dataDir), { recursive: true, mode: 0o700 });
    // 'wx': never overwrite a key another process created in the meantime; read that one instead.
    writeFileSync(file, pem, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fromPem(read(file), file, false);
    throw new SigningKeyError(`cannot create the log signing key ${file}${codeOf(error)}`);
  }
  return fromPem(pem, file, true);
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error);
  }
}

function fromPem(pem: string, file: string, created: boolean): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new SigningKeyError(`the log signing key ${file} is not a PEM private key (an Ed25519 key in PKCS#8 PEM is expected)`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`the log signing key ${file} is a ${privateKey.asymmetricKeyType ?? 'unknown'} key, not an Ed25519 key`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem: publicKeyPem(publicKey), file, created };
}

function unreadable(file: string, error: unknown): SigningKeyError {
  return new SigningKeyError(`cannot read the log signing key ${file}${codeOf(error)}`);
}

function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? ` (${code})` : '';
}
