import { Command, Option } from 'nest-commander';
import type { NewEvent, StoredEvent } from '../../../../infrastructure/event-store/event-store.port.js';
import { FrameworkExists, RevisionConflict } from '../../../../libs/app-errors.js';
import type { GovernanceEvent } from '../../domain/events/framework.events.js';
import { RecordEventsCommand } from '../record-event/record-events.command.js';
import { ACTOR_HELP, operatorStatus, resolveActor } from '../../../../platform/cli/actor.js';
import { CliCommand } from '../../../../platform/cli/cli-command.js';
import { ReportedFailure, UsageError } from '../../../../platform/cli/cli-errors.js';
import { planImport, parseImportText, type ImportPlan } from './import-plan.js';
import { readInput } from '../../../../platform/cli/input-file.js';
import { ProgressReporter } from '../../../../platform/cli/progress.js';
import { note, writeJson, writeOut } from '../../../../platform/cli/output.js';

interface ImportOptions {
  framework?: string;
  token?: string;
  actor?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** From this many entries, the validation shows its progress on stderr. */
const LONG_FILE = 200;
/** How long the import waits for the read models to include what it appended. */
const PROJECTION_WAIT_MS = 10 * 60_000;

/**
 * Imports events: everything is validated first (shape, then the rules of the domain, folded in
 * memory per framework on top of the stored history); one refused line and nothing is appended.
 * Then each framework's events are appended in one atomic append, with the revision checked.
 */
@Command({
  name: 'import',
  arguments: '<file>',
  argsDescription: { file: 'JSON array or JSON Lines: lines of an export, or events { type, effectiveDate, data, source } with a frameworkId (- for standard input)' },
  description: 'validate a file of events, then append them all or nothing (runs without loading the CCCS13 seed)',
})
export class ImportCommand extends CliCommand {
  @Option({ flags: '-f, --framework <id>', description: 'the framework of the lines without a frameworkId' })
  parseFramework(value: string): string {
    return value;
  }

  @Option({ flags: '--token <token>', description: 'a write token (default: GOVERNANCE_TOKEN): records the plain events as its owner' })
  parseToken(value: string): string {
    return value;
  }

  @Option({ flags: '--actor <name>', description: 'records the plain events as this actor (operators of the store only)' })
  parseActor(value: string): string {
    return value;
  }

  @Option({ flags: '--dry-run', description: 'validate only: report, append nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }

  override setCommand(command: Parameters<CliCommand['setCommand']>[0]): this {
    command.addHelpText(
      'after',
      `
Lines of an export keep their eventId (importing the same file twice appends nothing) and their
recordedBy; the instant and actor of their first recording are kept in the event's metadata
(original), since the store stamps its own recordedAt. Plain events get an id derived from their
content and are recorded by the actor below. Refused lines are reported as
"line 12: 422 convention-not-in-force: …"; then nothing is appended and the exit code is 1.
Importing exported events needs an operator of the store (they keep their recordedBy).

${ACTOR_HELP}
`,
    );
    return super.setCommand(command);
  }

  async run(args: string[], options: ImportOptions): Promise<void> {
    const [file] = args;
    if (file === undefined) throw new UsageError("missing argument 'file'");
    const text = await readInput(file);
    const actor = resolveActor({ token: options.token, actor: options.actor }, this.config, this.tokens);
    const status = operatorStatus(this.config);

    const parsed = parseImportText(text);
    // The rules are checked line by line on the growing history: show progress on long files.
    const progress = parsed.entries.length >= LONG_FILE ? new ProgressReporter(process.stderr, parsed.entries.length, Date.now, 10_000, Date.now(), 'validating') : null;
    const plan = await planImport(parsed.entries, { history: (id) => this.recorder.history(id), findEvent: (id) => this.eventStore.findEvent(id) }, {
      frameworkId: options.framework,
      actor,
      operator: status.operator,
      operatorReason: status.reason,
      maxYearsAhead: this.config.maxYearsAhead,
      onProgress: progress ? (done) => progress.update(done) : undefined,
    });
    progress?.finish(parsed.entries.length);
    const refusals = [...parsed.refusals, ...plan.refusals].sort((a, b) => order(a.label) - order(b.label));
    const toAppend = plan.appends.reduce((n, a) => n + a.events.length, 0);
    const read = parsed.entries.length + parsed.refusals.length;

    if (refusals.length > 0) {
      if (options.json) await writeJson({ file, entries: read, refused: refusals, appended: 0 });
      for (const r of refusals) note(`${r.label}: ${r.status} ${r.reason}`);
      throw new ReportedFailure(`${refusals.length} of ${read} ${read === 1 ? 'entry' : 'entries'} refused in ${file}; nothing appended`);
    }
    if (read === 0) throw new UsageError(`${file} holds no events`);

    if (options.dryRun || toAppend === 0) {
      const summary = { file, entries: read, valid: read, alreadyStored: plan.alreadyStored, toAppend, appended: 0, dryRun: Boolean(options.dryRun) };
      if (options.json) await writeJson(summary);
      else await writeOut(`${options.dryRun ? 'dry run: ' : ''}${read} entries valid; ${plan.alreadyStored} already stored; ${options.dryRun ? `${toAppend} would be appended` : 'nothing to append'}\n`);
      return;
    }

    const role = options.actor !== undefined || actor === undefined ? 'admin' : (this.tokens.roleOf(actor) ?? 'recorder');
    const appended = await this.append(plan, actor ?? 'operator', role);
    const last = appended.at(-1)!;
    const caughtUp = await this.projection.waitFor(last.events.at(-1)!.position, PROJECTION_WAIT_MS);
    if (options.json) {
      await writeJson({
        file,
        entries: read,
        valid: read,
        alreadyStored: plan.alreadyStored,
        appended: toAppend,
        frameworks: appended.map((a) => ({ frameworkId: a.frameworkId, events: a.events.length, fromRevision: a.events[0].revision, toRevision: a.events.at(-1)!.revision })),
      });
    } else {
      const per = appended.map((a) => `${a.frameworkId} ${a.events.length} (revisions ${a.events[0].revision}–${a.events.at(-1)!.revision})`).join(', ');
      await writeOut(`imported ${toAppend} events from ${file}: ${per}${plan.alreadyStored ? `; ${plan.alreadyStored} already stored` : ''}\n`);
    }
    if (!caughtUp) note('warning: the events are stored, but the read models had not caught up yet');
  }

  /**
   * One atomic append per framework, each with the revision the plan was made on, through the same
   * command as every write (decided again on the stored history). The revisions are checked again
   * just before, so that a concurrent write refuses the import before anything is appended.
   * (Appends to several frameworks are not one transaction: see the report on a failure.)
   */
  private async append(plan: ImportPlan, actor: string, role: 'admin' | 'recorder'): Promise<{ frameworkId: string; events: StoredEvent[] }[]> {
    for (const a of plan.appends) {
      const current = await this.eventStore.streamRevision(a.streamId);
      const expected = a.expected === 'no_stream' ? -1 : (a.expected as number);
      if (current !== expected) {
        throw new ReportedFailure(`framework ${a.frameworkId} changed during the import (revision ${current}, validated on ${expected}); nothing appended: run the import again`);
      }
    }
    const done: { frameworkId: string; events: StoredEvent[] }[] = [];
    for (const a of plan.appends) {
      try {
        const result = await this.commands.execute(
          new RecordEventsCommand({
            frameworkId: a.frameworkId,
            events: a.events.map(toRecord),
            actor,
            role,
            ...(a.expected === 'no_stream' ? {} : { expectedRevision: a.expected as number }),
          }),
        );
        if (result.dryRun) throw new Error('unexpected dry run');
        done.push({ frameworkId: a.frameworkId, events: result.stored });
      } catch (error) {
        const detail = error instanceof RevisionConflict || error instanceof FrameworkExists ? `framework ${a.frameworkId} changed during the import` : (error as Error).message;
        const already = done.length > 0 ? `appended to ${done.map((d) => d.frameworkId).join(', ')}; ` : '';
        throw new ReportedFailure(`${detail}: ${already}nothing appended to ${plan.appends.slice(done.length).map((p) => p.frameworkId).join(', ')}; run the import again (what is stored is skipped)`);
      }
    }
    return done;
  }
}

/** A planned event, as the write path takes it: the event, its id and the metadata it keeps. */
function toRecord(planned: NewEvent) {
  return { event: { type: planned.type, ...planned.data } as GovernanceEvent, eventId: planned.eventId, metadata: planned.metadata };
}

/** Orders `line 12` / `item 3` / `file` labels by their number. */
function order(label: string): number {
  const n = /(\d+)$/.exec(label);
  return n ? Number(n[1]) : -1;
}
