import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signTreeHead, verifyTreeHead } from '../../modules/transparency-log/domain/signed-tree-head.js';
import { loadSigningKey, signingKeyLocation, SigningKeyError } from './signing-key.js';

describe('the log signing key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'signing-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created on first use in DATA_DIR (file 0600, directory 0700), then read back', () => {
    const dataDir = join(dir, 'data');
    const first = loadSigningKey({ dataDir });
    expect(first.created).toBe(true);
    expect(first.file).toBe(join(dataDir, 'log-signing-key.pem'));
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(first.file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    const again = loadSigningKey({ dataDir });
    expect(again.created).toBe(false);
    expect(again.keyId).toBe(first.keyId);
    expect(again.publicKeyPem).toBe(first.publicKeyPem);
    expect(again.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const head = signTreeHead({ treeSize: 0, rootHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', timestamp: new Date() }, again.privateKey);
    expect(verifyTreeHead(head, first.publicKey)).toEqual({ ok: true });
  });

  it('is read from SIGNING_KEY_FILE when given, and never created there', () => {
    const file = join(dir, 'given.pem');
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const location = signingKeyLocation({ SIGNING_KEY_FILE: file, DATA_DIR: join(dir, 'data') });
    const key = loadSigningKey(location);
    expect(key.file).toBe(file);
    expect(key.created).toBe(false);
    expect(() => loadSigningKey({ file: join(dir, 'missing.pem'), dataDir: dir })).toThrow(/cannot read the log signing key .*missing\.pem \(ENOENT\)/);
  });

  it('refuses, naming the file, a key that is not Ed25519, not a key, or unreadable', () => {
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadSigningKey({ file: rsa, dataDir: dir })).toThrow(new SigningKeyError(`the log signing key ${rsa} is a rsa key, not an Ed25519 key`));
    const garbage = join(dir, 'log-signing-key.pem');
    writeFileSync(garbage, 'not a key');
    expect(() => loadSigningKey({ dataDir: dir })).toThrow(`the log signing key ${garbage} is not a PEM private key`);
    const publicOnly = join(dir, 'public.pem');
    writeFileSync(publicOnly, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    expect(() => loadSigningKey({ file: publicOnly, dataDir: dir })).toThrow('is not a PEM private key');
    expect(() => loadSigningKey({ file: dir, dataDir: dir })).toThrow(`cannot read the log signing key ${dir} (EISDIR)`);
    // Permissions do not stop root: checked only when the tests do not run as root.
    if (process.getuid?.() !== 0) {
      chmodSync(garbage, 0o000);
      expect(() => loadSigningKey({ dataDir: dir })).toThrow(/cannot read the log signing key .* \(EACCES\)/);
    }
  });

  it('defaults to ./data when DATA_DIR is unset', () => {
    expect(signingKeyLocation({})).toEqual({ dataDir: join(process.cwd(), 'data') });
  });
});
