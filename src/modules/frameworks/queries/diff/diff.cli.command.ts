import { Command, Option } from 'nest-commander';
import { InvalidInput } from '../../../../libs/app-errors.js';
import { validateOptions } from '../../../../platform/cli/cli-command.js';
import { FrameworkQueryCommand, instantOption, OPTION_NAMES } from '../../../../platform/cli/query-command.js';
import { APPROXIMATE_NOTE, short } from '../../../../platform/cli/render.js';
import { renderSection } from '../../../../platform/cli/table.js';
import { attestedText, EVIDENCE_NOTE, evidenceText, horizonLines } from '../evidence-render.js';
import { DiffQuery, type DiffAnswer } from './diff.query.js';
import { DiffParams } from './diff.request.dto.js';

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
    const answer = await this.queries.execute(new DiffQuery(options.framework, params.from, params.to, instantOption(params.knownAt)));
    await this.print(answer, renderDiff, options.json);
  }
}

const valueText = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** A changed field: lists of items by what was added and removed; anything else as before → after. */
export function changeText(before: unknown, after: unknown): string {
  const ids = (list: unknown) =>
    Array.isArray(list) && list.every((x) => x !== null && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string')
      ? (list as { id: string }[]).map((x) => x.id)
      : null;
  const [was, now] = [ids(before), ids(after)];
  if (was && now) {
    const added = now.filter((id) => !was.includes(id)).map((id) => `+${id}`);
    const removed = was.filter((id) => !now.includes(id)).map((id) => `-${id}`);
    return [...added, ...removed].join(', ') || 'same items, details changed';
  }
  if (Array.isArray(before) && Array.isArray(after)) return `${before.length} → ${after.length} entries`;
  return `${valueText(before)} → ${valueText(after)}`;
}

export function renderDiff(answer: DiffAnswer): string {
  const known = answer.knownAt ? `as known at ${answer.knownAt}` : 'as known now';
  return [
    `What changed in ${answer.frameworkId} between ${answer.from} and ${answer.to}, ${known}`,
    ...horizonLines(answer),
    APPROXIMATE_NOTE,
    EVIDENCE_NOTE,
    '',
    renderSection(
      'Came into force',
      [{ header: 'kind' }, { header: 'id' }, { header: 'name', max: 60 }, { header: 'since' }, { header: 'evidence' }, { header: 'attested until' }],
      // A date known only to a year or an interval is shown as the source gives it, never as a precise day.
      answer.cameIntoForce.map((e) => [e.kind, e.id, e.name, e.approximate ? `~${e.sinceEdtf}` : e.since, evidenceText(e), attestedText(e)]),
    ),
    renderSection(
      'Ended',
      [{ header: 'kind' }, { header: 'id' }, { header: 'name', max: 60 }, { header: 'evidence' }, { header: 'attested until' }],
      answer.ended.map((e) => [e.kind, e.id, e.name, evidenceText(e), attestedText(e)]),
    ),
    renderSection(
      'Changed',
      [{ header: 'kind' }, { header: 'id' }, { header: 'name', max: 40 }, { header: 'field' }, { header: 'change', max: 70 }],
      answer.changed.flatMap((c) => c.fields.map((f) => [c.kind, c.id, c.name, f.field, changeText(f.before, f.after)])),
    ),
    renderSection(
      'Facts dated in between',
      [{ header: 'date' }, { header: 'type' }, { header: 'what', max: 70 }, { header: 'evidence' }, { header: 'event' }],
      answer.events.map((e) => [e.approximate ? `~${e.effectiveDate}` : e.from, e.type, e.summary, e.evidence, short(e.eventId)]),
    ),
  ].join('\n');
}
