import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './platform/config/app-config.js';
import { createHttpApp } from './http-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createHttpApp(config);
  await app.listen(config.port);
  new Logger('Main').log(
    `governance history service on http://localhost:${config.port} (event store: ${config.eventStore}, read models: ${config.readModelStore}, data: ${config.dataDir})`,
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
