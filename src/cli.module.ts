import { Module, type DynamicModule } from '@nestjs/common';
import { AppModule } from './app.module.js';
import { AppendCommand } from './modules/frameworks/commands/record-event/record-event.cli.command.js';
import { ImportCommand } from './modules/frameworks/commands/import-events/import-events.cli.command.js';
import { RebuildCommand } from './modules/frameworks/commands/rebuild-read-models/rebuild-read-models.cli.command.js';
import { RestoreCommand } from './modules/frameworks/commands/restore-backup/restore-backup.cli.command.js';
import { DiffCommand } from './modules/frameworks/queries/diff/diff.cli.command.js';
import { ExportCommand } from './modules/frameworks/queries/export-log/export-log.cli.command.js';
import { VersionsCommand } from './modules/frameworks/queries/item-versions/item-versions.cli.command.js';
import { HistoryCommand } from './modules/frameworks/queries/history/history.cli.command.js';
import { FrameworksCommand } from './modules/frameworks/queries/list-frameworks/list-frameworks.cli.command.js';
import { StateCommand } from './modules/frameworks/queries/state-at-date/state-at-date.cli.command.js';
import { TimelineCommand } from './modules/frameworks/queries/timeline/timeline.cli.command.js';
import { VerifyCommand } from './modules/frameworks/queries/verify-integrity/verify-integrity.cli.command.js';
import { AuditReceiptsCommand } from './modules/transparency-log/commands/audit-receipts/audit-receipts.cli.command.js';
import { LogCommand } from './modules/transparency-log/queries/log-reads.cli.command.js';
import { CliProgram } from './platform/cli/cli-program.js';
import type { AppConfig } from './platform/config/app-config.js';
export const CLI_COMMANDS = [
  StateCommand,
  TimelineCommand,
  VersionsCommand,
  HistoryCommand,
  DiffCommand,
  FrameworksCommand,
  AppendCommand,
  ImportCommand,
  ExportCommand,
  RebuildCommand,
  VerifyCommand,
  RestoreCommand,
  AuditReceiptsCommand,
  LogCommand,
];

/** The names of the commands (to choose the configuration before Nest starts). */
export const CLI_COMMAND_NAMES = ['state', 'timeline', 'versions', 'history', 'diff', 'frameworks', 'append', 'import', 'export', 'rebuild', 'verify', 'restore', 'audit', 'log'] as const;

/** Commands that never load the seed: they work on the log itself (import or restore into an empty store, export, rebuild, verify, the transparency log's reads). */
export const WITHOUT_SEED = new Set<string>(['import', 'export', 'rebuild', 'verify', 'restore', 'log']);

/** Commands that open no store and need no configuration: the offline audit reads only its files. */
export const WITHOUT_STORE = new Set<string>(['audit']);

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
