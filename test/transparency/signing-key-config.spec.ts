import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/platform/config/app-config.js';

/** SIGNING_KEY_FILE is checked with the rest of the configuration: a bad file stops the start, named. */

describe('SIGNING_KEY_FILE', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'signing-key-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const load = (file: string) => () => loadConfig({ DATA_DIR: dir, SIGNING_KEY_FILE: file });

  it('takes an Ed25519 private key in PKCS#8 PEM', () => {
    const file = join(dir, 'good.pem');
    writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(load(file)().signingKeyFile).toBe(file);
    expect(loadConfig({ DATA_DIR: dir }).signingKeyFile).toBeUndefined();
  });

  it('refuses a missing file, a file that is not a key, and a key of another kind, naming the file', () => {
    const missing = join(dir, 'missing.pem');
    expect(load(missing)).toThrow(new ConfigError(`configuration: SIGNING_KEY_FILE: cannot read ${missing} (ENOENT)`));
    const text = join(dir, 'text.pem');
    writeFileSync(text, 'not a key');
    expect(load(text)).toThrow(`SIGNING_KEY_FILE: ${text} is not a PEM private key (an Ed25519 key in PKCS#8 PEM is expected)`);
    const x25519 = join(dir, 'x25519.pem');
    writeFileSync(x25519, generateKeyPairSync('x25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(load(x25519)).toThrow(`SIGNING_KEY_FILE: ${x25519} is a x25519 key, not an Ed25519 key`);
  });
});
