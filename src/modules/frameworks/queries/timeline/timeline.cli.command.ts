import { Command, Option } from 'nest-commander';
import { KnownAtParams } from '../../../../platform/http/query-params.js';
import { validateOptions } from '../../../../platform/cli/cli-command.js';
import { FrameworkQueryCommand, instantOption, OPTION_NAMES } from '../../../../platform/cli/query-command.js';
import { APPROXIMATE_NOTE, dated, short } from '../../../../platform/cli/render.js';
import { renderTable } from '../../../../platform/cli/table.js';
import { horizonLines } from '../evidence-render.js';
import { TimelineQuery, type TimelineAnswer } from './timeline.query.js';

@Command({ name: 'timeline', description: 'the facts in effective-date order, corrections applied, retracted ones marked' })
export class TimelineCommand extends FrameworkQueryCommand {
  @Option({ flags: '--known-at <instant>', description: 'as the record stood at this instant (ISO 8601); default: now' })
  parseKnownAt(value: string): string {
    return value;
  }

  async run(_args: string[], options: { framework: string; knownAt?: string; json?: boolean }): Promise<void> {
    const params = validateOptions(KnownAtParams, { knownAt: options.knownAt }, OPTION_NAMES);
    await this.catchUp();
    const answer = await this.queries.execute(new TimelineQuery(options.framework, instantOption(params.knownAt)));
    await this.print(answer, renderTimeline, options.json);
  }
}

export function renderTimeline(answer: TimelineAnswer): string {
  const known = answer.knownAt ? `as known at ${answer.knownAt}` : 'as known now';
  const rows = answer.events.map((e) => [
    dated(e.from, e.effectiveDate, e.approximate),
    e.effectiveDate,
    e.type,
    e.summary,
    e.inferredParts ? `${e.evidence} (${e.inferredParts.join(', ')} inferred)` : e.evidence,
    e.attestedUntil ?? '',
    e.recordedBy,
    short(e.eventId),
    [e.correctedBy.length ? `corrected by ${e.correctedBy.map(short).join(', ')}` : '', e.retractedBy ? `RETRACTED by ${short(e.retractedBy)}` : '']
      .filter(Boolean)
      .join('; '),
  ]);
  return (
    `Timeline of ${answer.frameworkId}, ${known}: ${answer.events.length} facts in effective-date order\n${horizonLines(answer).join('\n')}\n${APPROXIMATE_NOTE}\n\n` +
    (rows.length === 0
      ? '  (none)\n'
      : renderTable(
          [
            { header: 'from' },
            { header: 'date' },
            { header: 'type' },
            { header: 'what', max: 70 },
            { header: 'evidence' },
            { header: 'attested until' },
            { header: 'recorded by' },
            { header: 'event' },
            { header: 'notes', max: 40 },
          ],
          rows,
        ))
  );
}
