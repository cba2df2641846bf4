#!/usr/bin/env node
import 'reflect-metadata';
import type { LoggerService } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { loadConfig, type AppConfig } from './platform/config/app-config.js';
import { prepareDataDir } from './platform/files/data-dir-preflight.js';
import { reportFailure } from './platform/cli/cli-errors.js';
import { CLI_COMMAND_NAMES, CliModule, WITHOUT_SEED, WITHOUT_STORE } from './cli.module.js';

/**
 * The command line: `governance <command>` (package bin) or `npm run cli -- <command>`.
 * Output on stdout; notes, progress and the one-line `error: <reason>` on stderr.
 */

/** Nest's logger on the command line: silent, except errors of running services (one line each). */
class QuietLogger implements LoggerService {
  log(): void {}
  warn(): void {}
  debug(): void {}
  verbose(): void {}
  error(message: unknown, ...rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    // A failure to start is thrown to main, which reports it once.
    if (context === 'ExceptionHandler' || context === 'NestFactory' || context === 'InstanceLoader') return;
    const text = message instanceof Error ? message.message : String(message);
    process.stderr.write(`warning: ${context ? `${context}: ` : ''}${text.replace(/\s*\n\s*/g, ' ')}\n`);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.error(message, ...rest);
  }
}

/**
 * The configuration, chosen before Nest starts: none for help, usage errors and the offline
 * audit (no store is opened); without the seed for import, export, rebuild, verify and restore.
 */
function configFor(argv: string[]): AppConfig | null {
  const name = argv.find((arg) => !arg.startsWith('-'));
  if (name === undefined || !(CLI_COMMAND_NAMES as readonly string[]).includes(name) || WITHOUT_STORE.has(name)) return null;
  if (argv.includes('--help') || argv.includes('-h')) return null;
  const config = loadConfig();
  return WITHOUT_SEED.has(name) ? { ...config, seed: false } : config;
}

async function main(): Promise<void> {
  const config = configFor(process.argv.slice(2));
  // As the server does: DATA_DIR owner-only (and a corrupt token digest stops here), before any store opens.
  if (config) prepareDataDir(config, () => undefined, (message) => process.stderr.write(`warning: ${message}\n`));
  await CommandFactory.run(CliModule.forRoot(config), {
    logger: new QuietLogger(),
    abortOnError: false,
    cliName: 'governance',
    errorHandler: (error) => {
      throw error;
    },
    serviceErrorHandler: (error) => reportFailure(error),
  });
}

function exit(): void {
  const code = Number(process.exitCode ?? 0);
  // Let what is written reach its reader, then end (nothing may keep the process alive).
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(Number(process.exitCode ?? 0));
});

main().then(exit, (error: unknown) => {
  reportFailure(error);
  exit();
});
