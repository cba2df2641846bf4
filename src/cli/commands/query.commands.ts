import { Command, Option } from 'nest-commander';
import { DiffParams } from '../../diff/diff.controller.js';
import { DiffQuery } from '../../diff/diff.query.js';
import { HistoryParams } from '../../history/history.controller.js';
import { HistoryQuery } from '../../history/history.query.js';
import { ListFrameworksQuery } from '../../list-frameworks/list-frameworks.query.js';
import { InvalidInput } from '../../shared/app-errors.js';
import { KnownAtParams, normalizeInstant } from '../../shared/query-params.js';
import { StateParams } from '../../state-at-date/state-at-date.controller.js';
import { StateAtDateQuery } from '../../state-at-date/state-at-date.query.js';
import { TimelineQuery } from '../../timeline/timeline.query.js';
import { CliCommand, validateOptions } from '../cli-command.js';
import { writeJson, writeOut } from '../output.js';
import { renderDiff, renderFrameworks, renderHistory, renderState, renderTimeline } from '../views.js';

/** The read side: each command sends the same query as the HTTP controller, through the QueryBus. */

const OPTION_NAMES = { at: '--at', knownAt: '--known-at', from: '--from', to: '--to', since: '--since', until: '--until', actor: '--actor', type: '--type' };
const instant = (value: string | undefined) => (value === undefined ? undefined : normalizeInstant(value));

abstract class QueryCommand extends CliCommand {
  @Option({ flags: '--json', description: 'print the exact query answer as JSON' })
  parseJson(): boolean {
    return true;
  }

  protected async print<T>(answer: T, render: (answer: T) => string, json: boolean | undefined): Promise<void> {
    await (json ? writeJson(answer) : writeOut(render(answer)));
  }
}

abstract class FrameworkQueryCommand extends QueryCommand {
  @Option({ flags: '-f, --framework <id>', description: 'the framework, e.g. cccs13', required: true })
  parseFramework(value: string): string {
    return value;
  }
}

interface StateOptions {
  framework: string;
  at: string;
  knownAt?: string;
  json?: boolean;
}

@Command({
  name: 'state',
  description: 'what was in force on a day: conventions (start → end, parties), parties, missions, instruments, bodies',
})
export class StateCommand extends FrameworkQueryCommand {
  @Option({ flags: '--at <date>', description: 'the day, YYYY-MM-DD', required: true })
  parseAt(value: string): string {
    return value;
  }

  @Option({ flags: '--known-at <instant>', description: 'as the record stood at this instant (ISO 8601); default: now' })
  parseKnownAt(value: string): string {
    return value;
  }

  async run(_args: string[], options: StateOptions): Promise<void> {
    const params = validateOptions(StateParams, { at: options.at, knownAt: options.knownAt }, OPTION_NAMES);
    await this.catchUp();
    const answer = await this.queries.execute(new StateAtDateQuery(options.framework, params.at, instant(params.knownAt)));
    await this.print(answer, renderState, options.json);
  }
}

@Command({ name: 'timeline', description: 'the facts in effective-date order, corrections applied, retracted ones marked' })
export class TimelineCommand extends FrameworkQueryCommand {
  @Option({ flags: '--known-at <instant>', description: 'as the record stood at this instant (ISO 8601); default: now' })
  parseKnownAt(value: string): string {
    return value;
  }

  async run(_args: string[], options: { framework: string; knownAt?: string; json?: boolean }): Promise<void> {
    const params = validateOptions(KnownAtParams, { knownAt: options.knownAt }, OPTION_NAMES);
    await this.catchUp();
    const answer = await this.queries.execute(new TimelineQuery(options.framework, instant(params.knownAt)));
    await this.print(answer, renderTimeline, options.json);
  }
}

interface HistoryOptions {
  framework: string;
  actor?: string;
  type?: string;
  since?: string;
  until?: string;
  json?: boolean;
}

@Command({ name: 'history', description: 'the audit log in recorded order: who recorded what, when, on which source, what corrected what' })
export class HistoryCommand extends FrameworkQueryCommand {
  @Option({ flags: '--actor <name>', description: 'only the events recorded by this actor' })
  parseActor(value: string): string {
    return value;
  }

  @Option({ flags: '--type <type>', description: 'only the events of this type, e.g. ConventionExtended' })
  parseType(value: string): string {
    return value;
  }

  @Option({ flags: '--since <instant>', description: 'only the events recorded at or after this instant' })
  parseSince(value: string): string {
    return value;
  }

  @Option({ flags: '--until <instant>', description: 'only the events recorded at or before this instant' })
  parseUntil(value: string): string {
    return value;
  }

  async run(_args: string[], options: HistoryOptions): Promise<void> {
    const { framework, json, ...filter } = options;
    const params = validateOptions(HistoryParams, filter, OPTION_NAMES);
    await this.catchUp();
    const answer = await this.queries.execute(
      new HistoryQuery(framework, {
        ...(params.actor ? { actor: params.actor } : {}),
        ...(params.type ? { type: params.type } : {}),
        ...(params.since ? { since: normalizeInstant(params.since) } : {}),
        ...(params.until ? { until: normalizeInstant(params.until) } : {}),
      }),
    );
    await this.print(answer, renderHistory, json);
  }
}

@Command({ name: 'diff', description: 'what came into force, ended or changed between two days' })
export class DiffCommand extends FrameworkQueryCommand {
  @Option({ flags: '--from <date>', description: 'the first day, YYYY-MM-DD', required: true })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <date>', description: 'the second day, YYYY-MM-DD (not before --from)', required: true })
  parseTo(value: string): string {
    return value;
  }

  @Option({ flags: '--known-at <instant>', description: 'as the record stood at this instant (ISO 8601); default: now' })
  parseKnownAt(value: string): string {
    return value;
  }

  async run(_args: string[], options: { framework: string; from: string; to: string; knownAt?: string; json?: boolean }): Promise<void> {
    const params = validateOptions(DiffParams, { from: options.from, to: options.to, knownAt: options.knownAt }, OPTION_NAMES);
    if (params.to < params.from) throw new InvalidInput([{ field: '--to', problems: ['--to must not be before --from'] }]);
    await this.catchUp();
    const answer = await this.queries.execute(new DiffQuery(options.framework, params.from, params.to, instant(params.knownAt)));
    await this.print(answer, renderDiff, options.json);
  }
}

@Command({ name: 'frameworks', description: 'the frameworks held, with their revision and number of events' })
export class FrameworksCommand extends QueryCommand {
  async run(_args: string[], options: { json?: boolean }): Promise<void> {
    await this.catchUp();
    const answer = await this.queries.execute(new ListFrameworksQuery());
    await this.print(answer, renderFrameworks, options.json);
  }
}
