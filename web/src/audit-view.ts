/**
 * The audit log: who recorded which fact, when, on which source, and what corrected or retracted
 * what; each fact named by the service's own label and one-line summary. Signed in, each fact can
 * be corrected or retracted from its entry (the service answers 403 unless the token is an admin's).
 */
import type { AuditEntry } from './api-types.js';
import { signedIn } from './auth.js';
import { dateLabel, frInstant } from './dates.js';
import { byId, clear, h, setText, type Child } from './dom.js';
import { plural } from './labels.js';
import { sourceDetails } from './sources.js';
import { currentFramework, store } from './store.js';
import { queryOf, view } from './view-state.js';

/** Keeps the first option (« Tous ») and the current choice when it is still offered. */
export function fillSelect(select: HTMLSelectElement, values: string[], labels?: Record<string, string>): void {
  const current = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const v of values) select.appendChild(h('option', { value: v, text: labels ? labels[v] || v : v }));
  if (values.includes(current)) select.value = current;
}

const LABELS = ['N°', 'Fait', 'Enregistré', 'Date d’effet', 'Source', 'Corrections', 'Actions'];

function amendLink(e: AuditEntry, action: 'correct' | 'retract'): HTMLElement {
  const words = action === 'correct' ? 'Corriger' : 'Retirer';
  return h('a', { class: `button-link amend-${action}`, href: queryOf({ ...view, item: null, panel: 'record', amend: { action, eventId: e.eventId } }), 'data-amend': action, 'data-event-id': e.eventId }, [
    words,
    h('span', { class: 'sr-only', text: ` le fait n° ${e.position}` }),
  ]);
}

function actions(e: AuditEntry): Child {
  if (e.corrects || e.retracts || e.retractedBy) return '—';
  return [amendLink(e, 'correct'), e.type === 'FrameworkEstablished' ? null : [' ', amendLink(e, 'retract')]];
}

function row(e: AuditEntry, isLater: boolean, withActions: boolean): HTMLTableRowElement {
  const pos = store.history?.positionOf ?? {};
  const ref = (eventId: string, prefix: string) =>
    h('a', { href: `#fait-${eventId}`, text: prefix + (pos[eventId] !== undefined ? `n° ${pos[eventId]}` : eventId) });
  const corrections: Child[] = [];
  if (e.corrects) corrections.push(h('span', { class: 'tag tag-correction', text: 'correction' }), ' ', ref(e.corrects, 'corrige le fait '));
  if (e.retracts) corrections.push(h('span', { class: 'tag tag-retraction', text: 'retrait' }), ' ', ref(e.retracts, 'retire le fait '));
  for (const id of e.correctedBy ?? []) corrections.push(h('div', null, ref(id, 'corrigé par ')));
  if (e.retractedBy) corrections.push(h('div', null, ref(e.retractedBy, 'retiré par ')));
  return h(
    'tr',
    {
      id: `fait-${e.eventId}`,
      tabindex: '-1',
      class: [isLater ? 'later' : '', e.retractedBy ? 'retracted' : '', corrections.length ? '' : 'uncorrected'].join(' ').trim() || null,
      'data-event-id': e.eventId,
      'data-type': e.type,
    },
    [
      h('td', { 'data-label': LABELS[0], class: 'col-position', text: String(e.position) }),
      h('td', { 'data-label': LABELS[1], class: 'col-fact' }, [h('strong', { text: e.label }), ' : ', h('span', { class: 'fact-name', text: e.summary })]),
      h('td', { 'data-label': LABELS[2], class: 'col-recorded' }, [
        h('time', { datetime: e.recordedAt, text: frInstant(e.recordedAt) }),
        ' par ',
        h('span', { class: 'actor', text: e.recordedBy }),
        isLater ? [' ', h('span', { class: 'tag', text: 'postérieur au « connu au »' })] : null,
      ]),
      h('td', { 'data-label': LABELS[3], class: 'col-effective', text: dateLabel(e.effectiveDate) }),
      // The document is named inside the source, with the passage.
      h('td', { 'data-label': LABELS[4], class: 'col-source' }, sourceDetails(e.source, `${e.label} n° ${e.position}`, null)),
      h('td', { 'data-label': LABELS[5], class: 'col-corrections' }, corrections.length ? corrections : '—'),
      withActions ? h('td', { 'data-label': LABELS[6], class: 'col-actions' }, actions(e)) : null,
    ],
  );
}

/** The type filter offers the types of the log, each by the service's French label. */
export function fillAuditFilters(): void {
  const history = store.history;
  if (!history) return;
  fillSelect(byId<HTMLSelectElement>('audit-actor'), [...new Set(history.events.map((e) => e.recordedBy))].sort());
  fillSelect(byId<HTMLSelectElement>('audit-type'), [...new Set(history.events.map((e) => e.type))], history.labels);
}

export function renderAudit(): void {
  const out = byId('audit');
  clear(out);
  if (!store.history) return;
  const all = store.history.events;
  const actor = byId<HTMLSelectElement>('audit-actor').value;
  const type = byId<HTMLSelectElement>('audit-type').value;
  const rows = all.filter((e) => (!actor || e.recordedBy === actor) && (!type || e.type === type));
  const knownAt = view.knownAt ? new Date(view.knownAt).getTime() : null;
  const isLater = (e: AuditEntry) => knownAt !== null && new Date(e.recordedAt).getTime() > knownAt;
  const later = rows.filter(isLater).length;
  const counted =
    rows.length === all.length ? plural(all.length, ['enregistrement', 'enregistrements']) : `${rows.length} sur ${all.length} enregistrements`;
  setText(
    byId('audit-count'),
    `${counted}, dans l’ordre d’enregistrement.` +
      (later ? ` ${plural(later, ['enregistrement postérieur', 'enregistrements postérieurs'])} à l’instant « connu au ».` : ''),
  );
  const withActions = signedIn();
  byId('audit-connexion').hidden = withActions;
  const fw = currentFramework();
  out.appendChild(
    h('table', { class: 'audit-table' }, [
      h('caption', { text: `Journal d’audit${fw ? ` — ${fw.name}` : ''}` }),
      h('thead', null, h('tr', null, LABELS.slice(0, withActions ? 7 : 6).map((l) => h('th', { scope: 'col', text: l })))),
      h('tbody', null, rows.map((e) => row(e, isLater(e), withActions))),
    ]),
  );
  out.setAttribute('data-ready', 'true');
  out.setAttribute('aria-busy', 'false');
}
