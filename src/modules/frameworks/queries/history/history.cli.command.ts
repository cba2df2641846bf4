import { Command, Option } from 'nest-commander';
import { normalizeInstant } from '../../../../platform/http/query-params.js';
import { validateOptions } from '../../../../platform/cli/cli-command.js';
import { FrameworkQueryCommand, OPTION_NAMES } from '../../../../platform/cli/query-command.js';
import { short } from '../../../../platform/cli/render.js';
import { renderTable } from '../../../../platform/cli/table.js';
import { HistoryQuery, type HistoryAnswer } from './history.query.js';
import { HistoryParams } from './history.request.dto.js';

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

export function renderHistory(answer: HistoryAnswer): string {
  const rows = answer.events.map((e) => [
    String(e.position),
    String(e.revision),
    e.recordedAt,
    e.recordedBy,
    e.type,
    e.effectiveDate,
    e.summary,
    short(e.eventId),
    [
      e.correctedBy.length ? `corrected by ${e.correctedBy.map(short).join(', ')}` : '',
      e.retractedBy ? `retracted by ${short(e.retractedBy)}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  ]);
  return (
    `Audit log of ${answer.frameworkId}: ${answer.events.length} events in recorded order\n\n` +
    (rows.length === 0
      ? '  (none)\n'
      : renderTable(
          [
            { header: 'pos', align: 'right' },
            { header: 'rev', align: 'right' },
            { header: 'recorded at' },
            { header: 'by' },
            { header: 'type' },
            { header: 'date' },
            { header: 'what', max: 60 },
            { header: 'event' },
            { header: 'notes', max: 40 },
          ],
          rows,
        ))
  );
}
