// Builds dist/ once before the test files run, when it is missing or older than a source file:
// the command-line and crash tests run the compiled service as child processes, the web tests load
// the browser client built to dist/web, and several test files building at the same time could read
// each other's half-written output.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function newestSource(dir, pattern) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path, pattern));
    else if (pattern.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
const upToDate = (outputs, newest) => outputs.every((file) => existsSync(file) && statSync(file).mtimeMs >= newest);

function build(args, outputs) {
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const missing = outputs.filter((file) => !existsSync(file));
  if (missing.length > 0 || (args[0].endsWith('build.mjs') && run.status !== 0)) {
    throw new Error(`the build did not produce ${missing.join(', ') || 'a clean client'}:\n${run.stdout}${run.stderr}`);
  }
}

export default function globalSetup() {
  const server = ['dist/main.js', 'dist/cli.js', 'dist/http-app.js'].map((file) => join(ROOT, file));
  const client = ['dist/web/index.html', 'dist/web/js/main.js'].map((file) => join(ROOT, file));
  const serverSources = newestSource(join(ROOT, 'src'), /\.ts$/);
  // The client imports the server's answer types: a change on either side rebuilds it.
  const clientSources = Math.max(serverSources, newestSource(join(ROOT, 'web'), /\.(ts|html|css|mjs|json)$/));
  if (!upToDate(server, serverSources)) build([createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], server);
  if (!upToDate(client, clientSources)) build([join(ROOT, 'web/build.mjs')], client);
}
