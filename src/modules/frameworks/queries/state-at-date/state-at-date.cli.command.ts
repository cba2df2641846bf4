import { Command, Option } from 'nest-commander';
import { validateOptions } from '../../../../platform/cli/cli-command.js';
import { FrameworkQueryCommand, instantOption, OPTION_NAMES } from '../../../../platform/cli/query-command.js';
import { APPROXIMATE_NOTE, conflictsOf, dated, since, str } from '../../../../platform/cli/render.js';
import { renderSection, type Column } from '../../../../platform/cli/table.js';
import type { ItemView } from '../../domain/state/item-views.js';
import { attestedText, EVIDENCE_NOTE, evidenceCounts, evidenceText, horizonLines } from '../evidence-render.js';
import { StateAtDateQuery, type StateAnswer } from './state-at-date.query.js';
import { StateParams } from './state-at-date.request.dto.js';

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
    const answer = await this.queries.execute(new StateAtDateQuery(options.framework, params.at, instantOption(params.knownAt)));
    await this.print(answer, renderState, options.json);
  }
}

export function renderState(answer: StateAnswer): string {
  const known = answer.knownAt ? `as known at ${answer.knownAt}` : 'as known now';
  const out: string[] = [
    `${answer.name} (${answer.frameworkId}) on ${answer.at}, ${known} — revision ${answer.revision}`,
    ...horizonLines(answer),
    APPROXIMATE_NOTE,
    EVIDENCE_NOTE,
    '',
  ];
  const evidence: Column[] = [{ header: 'evidence' }, { header: 'attested until' }];
  const proof = (item: ItemView) => [evidenceText(item), attestedText(item)];
  out.push(
    renderSection(
      'Conventions',
      [{ header: 'id' }, { header: 'name', max: 60 }, { header: 'start → end', max: 40 }, { header: 'term changes' }, ...evidence, { header: 'parties', max: 60 }],
      answer.conventions.map((c) => [
        c.id,
        c.name,
        `${dated(c.start, c.startEdtf)} → ${dated(c.end, c.endEdtf)}`,
        c.termChanges.map((t) => `${t.kind} → ${t.newEnd} (${t.evidence})`).join('; '),
        ...proof(c),
        `${c.parties.length}: ${evidenceCounts(c.parties)}${c.partiesCarriedOverFrom ? `, carried over from ${c.partiesCarriedOverFrom}` : ''}`,
      ]),
    ),
  );
  const sections: [string, ItemView[], Column[], (item: ItemView) => string[]][] = [
    [
      'Parties',
      answer.parties,
      [{ header: 'id' }, { header: 'name', max: 50 }, { header: 'kind' }, { header: 'since' }, { header: 'conventions' }, ...evidence, { header: 'conflicts' }],
      (p) => [p.id, p.name, str(p.kind), since(p), (p.conventions as string[]).join(', '), ...proof(p), conflictsOf(p)],
    ],
    [
      'Missions',
      answer.missions,
      [{ header: 'id' }, { header: 'name', max: 60 }, { header: 'domains' }, { header: 'since' }, ...evidence, { header: 'conflicts' }],
      (m) => [m.id, m.name, Array.isArray(m.domains) ? m.domains.join(', ') : '', since(m), ...proof(m), conflictsOf(m)],
    ],
    [
      'Instruments',
      answer.instruments,
      [{ header: 'id' }, { header: 'name', max: 60 }, { header: 'kind' }, { header: 'since' }, ...evidence, { header: 'lasts for' }, { header: 'figures', max: 40 }],
      (i) => [
        i.id,
        i.name,
        str(i.kind),
        since(i),
        ...proof(i),
        lastsFor(i),
        i.figures ? Object.entries(i.figures as Record<string, unknown>).map(([k, v]) => `${k}=${v}`).join(', ') : '',
      ],
    ],
    [
      'Bodies',
      answer.bodies,
      [{ header: 'id' }, { header: 'name', max: 60 }, { header: 'kind' }, { header: 'since' }, ...evidence, { header: 'lasts for' }],
      (b) => [b.id, b.name, str(b.kind), since(b), ...proof(b), lastsFor(b)],
    ],
  ];
  for (const [title, items, columns, row] of sections) out.push(renderSection(title, columns, items.map(row)));
  // The other lists are shown only when something is in them.
  const extra: [string, ItemView[]][] = [
    ['Reviews', answer.reviews],
    ['Milestones', answer.milestones],
    ['Source conflicts', answer.conflicts],
  ];
  for (const [title, items] of extra) {
    if (items.length > 0) {
      out.push(renderSection(title, [{ header: 'id' }, { header: 'name', max: 70 }, { header: 'since' }, { header: 'evidence' }], items.map((i) => [i.id, i.name, since(i), evidenceText(i)])));
    }
  }
  return out.join('\n');
}

const lastsFor = (item: ItemView) => {
  const target = item.lastsFor as { kind: string; id: string } | undefined;
  return target ? `${target.kind} ${target.id}` : '';
};
