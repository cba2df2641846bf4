// A service instance of the multi-process scale-out test (test/scale-out.processes.e2e.spec.ts):
// the compiled service (dist/), configured from the environment like `npm start`, listening on
// 127.0.0.1 on a port of the system's choosing. It prints one line when it listens:
//   READY {"port":…,"startupMs":…}
// and runs until it is killed (SIGKILL) or stopped (SIGTERM: the application closes its stores).
import 'reflect-metadata';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const { createHttpApp } = await import(join(ROOT, 'dist', 'http-app.js'));
const { loadConfig } = await import(join(ROOT, 'dist', 'platform/config/app-config.js'));

const app = await createHttpApp(loadConfig());
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address();
process.stdout.write(`READY ${JSON.stringify({ port, startupMs: Date.now() - started })}\n`);
