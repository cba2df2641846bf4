import type { DiffAnswer } from '../diff/diff.query.js';
import type { ItemView } from '../domain/state-at.js';
import type { HistoryAnswer } from '../history/history.query.js';
import type { FrameworkSummary } from '../read-models/read-model.port.js';
import type { StateAnswer } from '../state-at-date/state-at-date.query.js';
import type { TimelineAnswer } from '../timeline/timeline.query.js';
import { renderSection, renderTable, type Column } from './table.js';

/** Readable renderings of the query answers (`--json` prints the answers themselves). */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const APPROXIMATE_NOTE = '~ marks a date coarser than a day (approximate: it counts from the first day of its interval)';

/** A day, with `~` when the source's date is coarser than a day. */
function dated(day: string | null, edtf: string | null | undefined, approximate?: boolean): string {
  if (day === null) return 'open-ended';
  const approx = approximate ?? (edtf != null && !DAY.test(edtf));
  return approx ? `${day}~` : day;
}

const short = (eventId: string | undefined) => (eventId ? eventId.slice(0, 8) : '');
const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** One line saying what an event is about, from its type and data. */
export function subjectOf(type: string, data: Record<string, unknown>): string {
  const d = data as Record<string, any>;
  switch (type) {
    case 'FrameworkEstablished':
      return str(d.name);
    case 'ConventionSigned':
      return `${d.conventionId} ${d.name} (${d.start} → ${d.end ?? 'open-ended'}, ${Array.isArray(d.parties) ? d.parties.length : 0} parties${d.supersedes ? `, supersedes ${d.supersedes}` : ''})`;
    case 'ConventionExtended':
    case 'ConventionRenewed':
      return `${d.conventionId} → ${d.newEnd}`;
    case 'ConventionEnded':
      return `${d.conventionId}${d.reason ? `: ${d.reason}` : ''}`;
    case 'PartyJoined':
      return `${d.party?.name ?? d.party?.id} joins ${d.conventionId}`;
    case 'PartyWithdrew':
      return `${d.partyId} leaves ${d.conventionId}`;
    case 'SupportMissionLaunched':
      return `${d.missionId} ${d.name} (${Array.isArray(d.domains) ? d.domains.join(', ') : ''})`;
    case 'SupportMissionEnded':
      return str(d.missionId);
    case 'InstrumentAdopted':
      return `${d.instrumentId} ${d.name} (${d.kind})`;
    case 'InstrumentRepealed':
      return str(d.instrumentId);
    case 'BodyCreated':
      return `${d.bodyId} ${d.name} (${d.kind})`;
    case 'BodyDissolved':
      return str(d.bodyId);
    case 'ReviewConducted':
      return `${d.reviewId} ${d.name}`;
    case 'MilestoneNoted':
      return `${d.milestoneId} ${d.name}`;
    case 'SourceConflictNoted':
      return `${d.conflictId} ${d.subject}`;
    case 'FactCorrected':
      return `corrects ${short(d.eventId)}: ${d.reason}`;
    case 'FactRetracted':
      return `retracts ${short(d.eventId)}: ${d.reason}`;
    default:
      return JSON.stringify(data);
  }
}

const since = (item: ItemView) => dated(item.since, item.sinceEdtf, item.approximate);
const conflictsOf = (item: ItemView) => (item.conflicts?.length ? item.conflicts.join(', ') : '');

export function renderState(answer: StateAnswer): string {
  const known = answer.knownAt ? `as known at ${answer.knownAt}` : 'as known now';
  const out: string[] = [
    `${answer.name} (${answer.frameworkId}) on ${answer.at}, ${known} — revision ${answer.revision}`,
    APPROXIMATE_NOTE,
    '',
  ];
  out.push(
    renderSection(
      'Conventions',
      [{ header: 'id' }, { header: 'name', max: 60 }, { header: 'start → end', max: 40 }, { header: 'term changes' }, { header: 'parties', align: 'right' }],
      answer.conventions.map((c) => [
        c.id,
        c.name,
        `${dated(c.start, c.startEdtf)} → ${dated(c.end, c.endEdtf)}`,
        c.termChanges.map((t) => `${t.kind} → ${t.newEnd}`).join('; '),
        String(c.parties.length),
      ]),
    ),
  );
  const sections: [string, ItemView[], Column[], (item: ItemView) => string[]][] = [
    [
      'Parties',
      answer.parties,
      [{ header: 'id' }, { header: 'name', max: 50 }, { header: 'kind' }, { header: 'since' }, { header: 'conventions' }, { header: 'conflicts' }],
      (p) => [p.id, p.name, str(p.kind), since(p), (p.conventions as string[]).join(', '), conflictsOf(p)],
    ],
    [
      'Missions',
      answer.missions,
      [{ header: 'id' }, { header: 'name', max: 60 }, { header: 'domains' }, { header: 'since' }, { header: 'conflicts' }],
      (m) => [m.id, m.name, Array.isArray(m.domains) ? m.domains.join(', ') : '', since(m), conflictsOf(m)],
    ],
    [
      'Instruments',
      answer.instruments,
      [{ header: 'id' }, { header: 'name', max: 60 }, { header: 'kind' }, { header: 'since' }, { header: 'figures', max: 40 }],
      (i) => [
        i.id,
        i.name,
        str(i.kind),
        since(i),
        i.figures ? Object.entries(i.figures as Record<string, unknown>).map(([k, v]) => `${k}=${v}`).join(', ') : '',
      ],
    ],
    ['Bodies', answer.bodies, [{ header: 'id' }, { header: 'name', max: 60 }, { header: 'kind' }, { header: 'since' }], (b) => [b.id, b.name, str(b.kind), since(b)]],
  ];
  for (const [title, items, columns, row] of sections) out.push(renderSection(title, columns, items.map(row)));
  // The other lists are shown only when something is in them.
  const extra: [string, ItemView[]][] = [
    ['Reviews', answer.reviews],
    ['Milestones', answer.milestones],
    ['Source conflicts', answer.conflicts],
  ];
  for (const [title, items] of extra) {
    if (items.length > 0) out.push(renderSection(title, [{ header: 'id' }, { header: 'name', max: 70 }, { header: 'since' }], items.map((i) => [i.id, i.name, since(i)])));
  }
  return out.join('\n');
}

export function renderTimeline(answer: TimelineAnswer): string {
  const known = answer.knownAt ? `as known at ${answer.knownAt}` : 'as known now';
  const rows = answer.events.map((e) => [
    dated(e.from, e.effectiveDate, e.approximate),
    e.effectiveDate,
    e.type,
    subjectOf(e.type, e.data),
    e.source.confidence,
    e.recordedBy,
    short(e.eventId),
    [e.correctedBy.length ? `corrected by ${e.correctedBy.map(short).join(', ')}` : '', e.retractedBy ? `RETRACTED by ${short(e.retractedBy)}` : '']
      .filter(Boolean)
      .join('; '),
  ]);
  return (
    `Timeline of ${answer.frameworkId}, ${known}: ${answer.events.length} facts in effective-date order\n${APPROXIMATE_NOTE}\n\n` +
    (rows.length === 0
      ? '  (none)\n'
      : renderTable(
          [
            { header: 'from' },
            { header: 'date' },
            { header: 'type' },
            { header: 'what', max: 70 },
            { header: 'confidence' },
            { header: 'recorded by' },
            { header: 'event' },
            { header: 'notes', max: 40 },
          ],
          rows,
        ))
  );
}

export function renderHistory(answer: HistoryAnswer): string {
  const rows = answer.events.map((e) => [
    String(e.position),
    String(e.revision),
    e.recordedAt,
    e.recordedBy,
    e.type,
    e.effectiveDate,
    subjectOf(e.type, e.data),
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
    APPROXIMATE_NOTE,
    '',
    renderSection(
      'Came into force',
      [{ header: 'kind' }, { header: 'id' }, { header: 'name', max: 60 }, { header: 'since' }],
      answer.cameIntoForce.map((e) => [e.kind, e.id, e.name, dated(e.since, null, e.approximate)]),
    ),
    renderSection('Ended', [{ header: 'kind' }, { header: 'id' }, { header: 'name', max: 60 }], answer.ended.map((e) => [e.kind, e.id, e.name])),
    renderSection(
      'Changed',
      [{ header: 'kind' }, { header: 'id' }, { header: 'name', max: 40 }, { header: 'field' }, { header: 'change', max: 70 }],
      answer.changed.flatMap((c) => c.fields.map((f) => [c.kind, c.id, c.name, f.field, changeText(f.before, f.after)])),
    ),
    renderSection(
      'Facts dated in between',
      [{ header: 'from' }, { header: 'type' }, { header: 'what', max: 70 }, { header: 'event' }],
      answer.events.map((e) => [dated(e.from, e.effectiveDate, e.approximate), e.type, subjectOf(e.type, e.data), short(e.eventId)]),
    ),
  ].join('\n');
}

export function renderFrameworks(frameworks: FrameworkSummary[]): string {
  return renderSection(
    'Frameworks',
    [
      { header: 'id' },
      { header: 'name', max: 70 },
      { header: 'revision', align: 'right' },
      { header: 'events', align: 'right' },
      { header: 'created' },
      { header: 'updated' },
    ],
    frameworks.map((f) => [f.id, f.name, String(f.revision), String(f.eventCount), f.createdAt, f.updatedAt]),
  );
}
