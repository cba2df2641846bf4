/** What every fact shows of its origin: approximate dates, contradictions, and its source behind a button. */
import type { AuditEntry } from './api-types.js';
import { dateLabel, frDay } from './dates.js';
import { h } from './dom.js';
import { quoted } from './french-typography.js';
import { CONFIDENCE, CONFIDENCE_HELP } from './labels.js';
import { store } from './store.js';

type Source = AuditEntry['source'];

export function approxBadge(item: { since: string; sinceEdtf?: string }): HTMLElement {
  const edtf = item.sinceEdtf || item.since;
  const detail = `date de la source : ${dateLabel(edtf)}, comptée à partir du ${frDay(item.since)}`;
  return h('span', { class: 'approx', title: `Date approximative (${detail})` }, [
    h('span', { 'aria-hidden': 'true', text: '≈ ' }),
    'approximatif',
    h('span', { class: 'sr-only', text: ` (${detail})` }),
  ]);
}

export function conflictBadges(item: { conflicts?: string[] }): HTMLElement[] {
  return (item.conflicts ?? []).map((id) =>
    h('a', { class: 'conflict-badge', href: `#conflit-${id}` }, [h('span', { 'aria-hidden': 'true', text: '⚠ ' }), 'sources en désaccord']),
  );
}

/** The « Source » button of a fact: passage, document, confidence, note, and its place in the audit log. */
export function sourceDetails(source: Source | undefined, subject: string, eventId: string | null): HTMLElement | null {
  if (!source) return null;
  const position = store.history && eventId ? store.history.positionOf[eventId] : undefined;
  return h('details', { class: 'source' }, [
    h('summary', null, ['Source', h('span', { class: 'sr-only', text: ` : ${subject}` })]),
    h('div', { class: 'source-body' }, [
      h('blockquote', { class: 'passage', text: quoted(source.passage) }),
      h('dl', null, [
        h('dt', { text: 'Document' }),
        h('dd', { class: 'document', text: source.document }),
        h('dt', { text: 'Confiance' }),
        h('dd', null, [
          h('span', { class: `confidence confidence-${source.confidence}`, text: CONFIDENCE[source.confidence] || source.confidence }),
          CONFIDENCE_HELP[source.confidence] || '',
        ]),
        source.note ? [h('dt', { text: 'Note' }), h('dd', { class: 'note', text: source.note })] : null,
        eventId
          ? [
              h('dt', { text: 'Enregistrement' }),
              h(
                'dd',
                null,
                h('a', {
                  href: `#fait-${eventId}`,
                  text: position !== undefined ? `n° ${position} du journal d’audit` : 'voir le journal d’audit',
                }),
              ),
            ]
          : null,
      ]),
    ]),
  ]);
}
