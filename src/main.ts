import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './platform/config/app-config.js';
import { createHttpApp, listen } from './http-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createHttpApp(config);
  await listen(app, config);
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  new Logger('Main').log(
    `governance history service on http://${shown}:${port} (event store: ${config.eventStore}, read models: ${config.readModelStore}, data: ${config.dataDir})`,
  );
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
