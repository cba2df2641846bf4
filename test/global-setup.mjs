// Builds dist/ once before the test files run, when it is missing or older than a source file:
// the command-line and crash tests run the compiled service as child processes, and several
// test files building at the same time could read each other's half-written output.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export default function globalSetup() {
  const outputs = ['dist/main.js', 'dist/cli.js', 'dist/http-app.js'].map((file) => join(ROOT, file));
  const newest = newestSource(join(ROOT, 'src'));
  if (outputs.every((file) => existsSync(file) && statSync(file).mtimeMs >= newest)) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  const missing = outputs.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`the build did not produce ${missing.join(', ')}:\n${build.stdout}${build.stderr}`);
}
