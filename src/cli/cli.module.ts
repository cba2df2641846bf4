import { Module, type DynamicModule } from '@nestjs/common';
import { AppModule } from '../app.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CliProgram } from './cli-program.js';
import { AppendCommand } from './commands/append.command.js';
import { ExportCommand } from './commands/export.command.js';
import { ImportCommand } from './commands/import.command.js';
import { DiffCommand, FrameworksCommand, HistoryCommand, StateCommand, TimelineCommand } from './commands/query.commands.js';
import { RebuildCommand } from './commands/rebuild.command.js';
import { RestoreCommand } from './commands/restore.command.js';
import { VerifyCommand } from './commands/verify.command.js';

export const CLI_COMMANDS = [
  StateCommand,
  TimelineCommand,
  HistoryCommand,
  DiffCommand,
  FrameworksCommand,
  AppendCommand,
  ImportCommand,
  ExportCommand,
  RebuildCommand,
  VerifyCommand,
  RestoreCommand,
];

/** The names of the commands (to choose the configuration before Nest starts). */
export const CLI_COMMAND_NAMES = ['state', 'timeline', 'history', 'diff', 'frameworks', 'append', 'import', 'export', 'rebuild', 'verify', 'restore'] as const;

/** Commands that never load the seed: they work on the log itself (import or restore into an empty store, export, rebuild, verify). */
export const WITHOUT_SEED = new Set<string>(['import', 'export', 'rebuild', 'verify', 'restore']);

/**
 * The command-line application: the commands on top of the same application module as the HTTP
 * service (buses, handlers, stores, projection, seed loader). Without a configuration (help,
 * usage errors) no store is opened.
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig | null): DynamicModule {
    return {
      module: CliModule,
      imports: config ? [AppModule.forRoot(config)] : [],
      providers: [CliProgram, ...CLI_COMMANDS],
    };
  }
}
