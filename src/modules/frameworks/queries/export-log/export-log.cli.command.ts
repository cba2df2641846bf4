import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command, Option } from 'nest-commander';
import { streamIdOf } from '../../../../infrastructure/event-store/framework-stream.js';
import { ID_PATTERN } from '../../domain/events/common.schema.js';
import { FrameworkNotFound, InvalidInput } from '../../../../libs/app-errors.js';
import { CliCommand } from '../../../../platform/cli/cli-command.js';
import { csvHeader, toCsvRecord, toExportLine } from './export-format.js';
import { note } from '../../../../platform/cli/output.js';

const PAGE = 500;

interface ExportOptions {
  format: string;
  out?: string;
  framework?: string;
}

/** A sink that honours back-pressure: stdout, or a temporary file renamed into place at the end. */
class Sink {
  private constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly file?: { path: string; temporary: string; stream: WriteStream },
  ) {}

  static open(out: string | undefined): Sink {
    if (out === undefined) return new Sink(process.stdout);
    const temporary = `${out}.partial-${process.pid}`;
    const stream = createWriteStream(temporary, { flags: 'w', mode: 0o600 });
    return new Sink(stream, { path: out, temporary, stream });
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** The file appears under its name only when complete. */
  async commit(): Promise<void> {
    if (!this.file) return;
    this.file.stream.end();
    await once(this.file.stream, 'finish');
    renameSync(this.file.temporary, this.file.path);
  }

  abort(): void {
    if (!this.file) return;
    this.file.stream.destroy();
    rmSync(this.file.temporary, { force: true });
  }
}

/**
 * Writes the log, in global order, one event per line: JSON Lines (lossless: `import` restores
 * it, same event ids, same answers) or CSV (for spreadsheets; data and source as JSON columns).
 */
@Command({ name: 'export', description: 'write every event of the log in global order, as JSON Lines (lossless) or CSV' })
export class ExportCommand extends CliCommand {
  @Option({ flags: '--format <format>', description: 'jsonl (default, lossless: import reads it back) or csv', defaultValue: 'jsonl' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '-o, --out <file>', description: 'write to this file (created whole at the end) instead of standard output' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '-f, --framework <id>', description: 'only this framework' })
  parseFramework(value: string): string {
    return value;
  }

  async run(_args: string[], options: ExportOptions): Promise<void> {
    const format = options.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new InvalidInput([{ field: '--format', problems: ['--format must be jsonl or csv'] }]);
    const only = options.framework === undefined ? undefined : streamIdOf(options.framework);
    if (options.framework !== undefined && (!ID_PATTERN.test(options.framework) || (await this.eventStore.streamRevision(only!)) < 0)) {
      throw new FrameworkNotFound(options.framework);
    }

    const sink = Sink.open(options.out);
    let count = 0;
    try {
      if (format === 'csv') await sink.write(csvHeader());
      let after: number | null = null;
      for (;;) {
        const page = await this.eventStore.readAll(after, PAGE);
        if (page.length === 0) break;
        for (const stored of page) {
          if (only !== undefined && stored.streamId !== only) continue;
          const line = toExportLine(stored, { lossless: format === 'jsonl' });
          if (line === null) continue;
          await sink.write(format === 'csv' ? toCsvRecord(line) : `${JSON.stringify(line)}\n`);
          count++;
        }
        after = page[page.length - 1].position;
      }
      await sink.commit();
    } catch (error) {
      sink.abort();
      throw error;
    }
    note(`exported ${count} events${options.out ? ` to ${options.out}` : ''} (${format})`);
  }
}
