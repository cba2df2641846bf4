import { Command, Option } from 'nest-commander';
import { frameworkIdOf } from '../../../../infrastructure/event-store/framework-stream.js';
import { CliCommand } from '../../../../platform/cli/cli-command.js';
import { ReportedFailure, UsageError } from '../../../../platform/cli/cli-errors.js';
import { parseImportText } from '../import-events/import-plan.js';
import { readInput } from '../../../../platform/cli/input-file.js';
import { note, writeJson, writeOut } from '../../../../platform/cli/output.js';
import { ProgressReporter } from '../../../../platform/cli/progress.js';
import { restoreRecords } from './restore-records.js';

/**
 * Restores a backup — a JSON Lines export — into an EMPTY store: the store copies the records as
 * they were (event ids, revisions, positions, recordedAt, recordedBy, metadata) and recomputes its
 * hash chains, so that a faithful copy ends with the same chain head as the store exported.
 * Then it verifies the chains, projects the read models again, and prints the chain head.
 * Unlike `import`, nothing is appended anew: the history, its instants and its hashes are the same.
 */
@Command({
  name: 'restore',
  arguments: '<file>',
  argsDescription: { file: 'a JSON Lines export (from `export`; - for standard input)' },
  description: 'restore an export into an EMPTY store: same ids, revisions, positions, instants and hash chains; verify, project, print the chain head',
})
export class RestoreCommand extends CliCommand {
  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }

  override setCommand(command: Parameters<CliCommand['setCommand']>[0]): this {
    command.addHelpText(
      'after',
      `
The store must hold no event (a new DATA_DIR): a restore never mixes with a history. Every line is
checked first (an export line, in the export's order, each framework's revisions complete); one
refused line and nothing is restored (exit 1). The embedded store (EVENT_STORE=sqlite) restores;
KurrentDB stamps its own dates, so there use import. Runs without loading the CCCS13 seed.
Compare the chain head printed with the one of the store exported (same head: same history).
`,
    );
    return super.setCommand(command);
  }

  async run(args: string[], options: { json?: boolean }): Promise<void> {
    const [file] = args;
    if (file === undefined) throw new UsageError("missing argument 'file'");
    const last = await this.eventStore.lastPosition();
    if (last !== null) {
      throw new ReportedFailure(`the event store is not empty (its log reaches position ${last}): restore only into an empty store, e.g. a new DATA_DIR; nothing restored`);
    }

    const text = await readInput(file);
    const parsed = parseImportText(text);
    const { records, refusals } = restoreRecords(parsed.entries);
    const all = [...parsed.refusals, ...refusals];
    const read = parsed.entries.length + parsed.refusals.length;
    if (all.length > 0) {
      for (const r of all) note(`${r.label}: ${r.status} ${r.reason}`);
      throw new ReportedFailure(`${all.length} of ${read} ${read === 1 ? 'line' : 'lines'} refused in ${file}; nothing restored`);
    }
    if (records.length === 0) throw new UsageError(`${file} holds no events`);

    await this.eventStore.restore(records);
    const report = await this.eventStore.verify();
    if (!report.ok) {
      throw new ReportedFailure(`restored ${records.length} events, but the integrity check fails: ${report.firstBroken?.problem ?? 'broken'}`);
    }
    if (report.checked !== records.length) {
      throw new ReportedFailure(`restored ${records.length} events, but the store holds ${report.checked}`);
    }

    // The read models of this DATA_DIR may be of another log: project everything again.
    const progress = new ProgressReporter(process.stderr, records.length, Date.now, 10_000, Date.now(), 'projecting');
    const { events } = await this.projection.rebuild(({ done, total }) => progress.update(done, total));
    progress.finish(events);
    const head = await this.eventStore.chainHead();

    const perFramework = new Map<string, number>();
    for (const r of records) {
      const id = frameworkIdOf(r.streamId) ?? r.streamId;
      perFramework.set(id, (perFramework.get(id) ?? 0) + 1);
    }
    const frameworks = [...perFramework].map(([frameworkId, count]) => ({ frameworkId, events: count }));
    if (options.json) {
      await writeJson({ file, restored: records.length, frameworks, verified: report, projected: events, chainHead: head });
      return;
    }
    await writeOut(
      `restored ${records.length} events from ${file}: ${frameworks.map((f) => `${f.frameworkId} ${f.events}`).join(', ')}\n` +
        `verified: ${report.checked} events, ${report.chained ? 'hash chains intact' : 'revisions complete (this store keeps no hash chains)'}\n` +
        `projected: ${events} events\n` +
        `chain head: ${head ?? 'none (this store keeps no hash chain)'}\n`,
    );
  }
}
