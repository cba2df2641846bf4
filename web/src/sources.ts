/**
 * What every fact shows of its origin: approximate dates, contradictions, and its source behind a
 * button — passage, document (its title, with the reference in small print), confidence, note, and
 * its entry in the audit log. Titles and log numbers come from answers loaded on demand: the first
 * source opened loads them, and every source shown is completed then (`completeSources`).
 */
import type { AuditEntry } from './api-types.js';
import { dateLabel, frDay } from './dates.js';
import { h, setText } from './dom.js';
import { quoted } from './french-typography.js';
import { CONFIDENCE, CONFIDENCE_HELP } from './labels.js';
import { documentTitleOf, store } from './store.js';

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

/** A document as the page names it: its title with the reference in small print, or the reference alone. */
export function documentLabel(document: string): (Node | string)[] {
  const title = documentTitleOf(document);
  return title ? [title, ' ', h('small', { class: 'document-ref', text: `(${document})` })] : [document];
}

function fillDocument(el: Element): void {
  const document = el.getAttribute('data-document') ?? '';
  while (el.firstChild) el.removeChild(el.firstChild);
  for (const part of documentLabel(document)) el.append(typeof part === 'string' ? h('span', { text: part }) : part);
  if (documentTitleOf(document)) el.setAttribute('data-titled', 'true');
}

function fillAuditLink(el: Element): void {
  const eventId = el.getAttribute('data-audit-link') ?? '';
  const position = store.history?.positionOf[eventId];
  setText(el, position !== undefined ? `n° ${position} du journal d’audit` : 'voir le journal d’audit');
}

/** Completes the sources under `root` with what has been loaded since they were drawn: titles, log numbers. */
export function completeSources(root: ParentNode = document): void {
  if (store.documents) root.querySelectorAll('[data-document]:not([data-titled])').forEach(fillDocument);
  if (store.history) root.querySelectorAll('[data-audit-link]').forEach(fillAuditLink);
}

/** An element naming a document (completed with its title once the titles are loaded). */
export function documentElement<K extends 'dd' | 'span'>(tag: K, document: string): HTMLElementTagNameMap[K] {
  const el = h(tag, { class: 'document', 'data-document': document });
  fillDocument(el);
  return el;
}

/** The « Source » button of a fact: passage, document, confidence, note, and its place in the audit log. */
export function sourceDetails(source: Source | undefined, subject: string, eventId: string | null): HTMLElement | null {
  if (!source) return null;
  const documentCell = documentElement('dd', source.document);
  const link = eventId ? h('a', { href: `#fait-${eventId}`, 'data-audit-link': eventId }) : null;
  if (link) fillAuditLink(link);
  return h('details', { class: 'source' }, [
    h('summary', null, ['Source', h('span', { class: 'sr-only', text: ` : ${subject}` })]),
    h('div', { class: 'source-body' }, [
      h('blockquote', { class: 'passage', text: quoted(source.passage) }),
      h('dl', null, [
        h('dt', { text: 'Document' }),
        documentCell,
        h('dt', { text: 'Confiance' }),
        h('dd', null, [
          h('span', { class: `confidence confidence-${source.confidence}`, text: CONFIDENCE[source.confidence] || source.confidence }),
          CONFIDENCE_HELP[source.confidence] || '',
        ]),
        source.note ? [h('dt', { text: 'Note' }), h('dd', { class: 'note', text: source.note })] : null,
        link ? [h('dt', { text: 'Enregistrement' }), h('dd', null, link)] : null,
      ]),
    ]),
  ]);
}
