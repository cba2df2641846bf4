/**
 * The versions of one item, as legislation sites show the versions of a text: each « en vigueur du
 * … au … », with the facts behind the change that opened it (their label, summary and source, from
 * the audit log) and links to the previous and next version; for a convention, its term at the
 * signing and after its renewals and extensions, side by side. Everything comes from the items'
 * versions the page already holds; the facts from the audit log, loaded when the view opens.
 */
import type { ConventionView, ItemVersion } from './api-types.js';
import { ensureDocuments, ensureHistory, errorText } from './app.js';
import { addDays, dateLabel, edtfBounds, frDay, isDay } from './dates.js';
import { byId, clear, h, setText, type Child } from './dom.js';
import { evidenceTag } from './evidence.js';
import { findItem } from './items-model.js';
import { KIND_LABEL, plural, TERM_CHANGE } from './labels.js';
import { sourceDetails } from './sources.js';
import { renderItem } from './state-view.js';
import { store, type ModelItem } from './store.js';
import { queryOf, view } from './view-state.js';

function period(v: ItemVersion): string {
  return v.validTo === null ? `en vigueur depuis le ${frDay(v.validFrom)}` : `en vigueur du ${frDay(v.validFrom)} au ${frDay(addDays(v.validTo, -1))}`;
}

const stateLink = (day: string) =>
  h('a', { class: 'version-state', href: queryOf({ ...view, at: day, item: null, panel: null, amend: null }), 'data-day': day, text: `Afficher l’état au ${frDay(day)}` });

/** The facts behind a version, from the audit log (or their ids until it is loaded). */
function facts(version: ItemVersion): HTMLElement {
  const box = h('div', { class: 'version-facts' });
  const history = store.history;
  if (!version.changedBy.length) {
    box.appendChild(h('p', { class: 'item-meta', text: 'Aucun fait ce jour-là : la version précédente est arrivée à son terme.' }));
    return box;
  }
  box.appendChild(h('h4', { text: version.changedBy.length > 1 ? 'Les faits de ce changement' : 'Le fait de ce changement' }));
  box.appendChild(
    h(
      'ul',
      { class: 'version-fact-list' },
      version.changedBy.map((eventId) => {
        const e = history?.byId.get(eventId);
        if (!e) return h('li', { 'data-event-id': eventId, text: history ? `Fait ${eventId}` : 'Chargement du fait…' });
        const corrected: Child = e.correctedBy.length
          ? [' ', h('span', { class: 'tag tag-correction', text: `corrigé (${e.correctedBy.map((id) => `n° ${history!.positionOf[id]}`).join(', ')})` })]
          : null;
        return h('li', { 'data-event-id': eventId }, [
          h('strong', { text: e.label }),
          ` : ${e.summary} — date d’effet : ${dateLabel(e.effectiveDate)} ; `,
          h('a', { href: `#fait-${eventId}`, 'data-fact-link': eventId, text: `n° ${e.position} du journal d’audit` }),
          corrected,
          sourceDetails(e.source, `${e.label} n° ${e.position}`, null),
        ]);
      }),
    ),
  );
  return box;
}

/** « À la signature » and « après reconductions et prorogations », side by side. */
function terms(item: ModelItem): HTMLElement | null {
  const last = item.versions[item.versions.length - 1]?.view as ConventionView | undefined;
  if (!last) return null;
  const coarse = (edtf: string | null) => edtf !== null && !isDay(edtf);
  const originalLast = last.originalEnd ? edtfBounds(last.originalEnd)?.last ?? null : null;
  const signed = originalLast
    ? `Du ${frDay(last.start)} au ${frDay(originalLast)}${coarse(last.startEdtf) || coarse(last.originalEnd) ? ` (dates de la source : ${dateLabel(last.startEdtf)} – ${dateLabel(last.originalEnd)})` : ''}.`
    : `Depuis le ${frDay(last.start)}, sans terme fixé.`;
  const changes = last.termChanges.map((tc) =>
    h('li', null, [
      h('strong', { text: TERM_CHANGE[tc.kind] || tc.kind }),
      ` (${dateLabel(tc.effectiveDate)}) : fin portée ${isDay(tc.newEnd) ? `au ${frDay(tc.newEnd)}` : `à fin ${dateLabel(tc.newEnd)}`} `,
      evidenceTag(tc.evidence),
    ]),
  );
  const after = last.end ? `Du ${frDay(last.start)} au ${frDay(last.end)}${coarse(last.endEdtf) ? ` (fin ${dateLabel(last.endEdtf)})` : ''}.` : `Depuis le ${frDay(last.start)}, sans terme fixé.`;
  return h('div', { class: 'terms' }, [
    h('section', { class: 'term term-signed', 'aria-labelledby': 'terme-signature' }, [
      h('h3', { id: 'terme-signature', text: 'À la signature' }),
      h('p', { class: 'term-period' }, [signed, ' ', evidenceTag(last.source.confidence)]),
    ]),
    h('section', { class: 'term term-now', 'aria-labelledby': 'terme-apres' }, [
      h('h3', { id: 'terme-apres', text: 'Après reconductions et prorogations' }),
      h('p', { class: 'term-period', text: after }),
      changes.length ? h('ul', { class: 'term-changes' }, changes) : h('p', { class: 'item-meta', text: 'Ni reconduite ni prorogée : le terme est celui de la signature.' }),
    ]),
  ]);
}

function versionEntry(item: ModelItem, v: ItemVersion, i: number): HTMLElement {
  const n = item.versions.length;
  const nav: Child[] = [];
  if (i > 0) nav.push(h('a', { href: `#version-${i}`, class: 'version-prev', text: `Version précédente (n° ${i})` }));
  if (i < n - 1) nav.push(h('a', { href: `#version-${i + 2}`, class: 'version-next', text: `Version suivante (n° ${i + 2})` }));
  nav.push(stateLink(v.validFrom));
  return h('li', { class: 'version', id: `version-${i + 1}`, 'data-from': v.validFrom, 'data-to': v.validTo ?? '' }, [
    h('h3', { class: 'version-title', text: `Version ${i + 1} sur ${n} : ${period(v)}` }),
    h('p', { class: 'version-nav' }, nav.flatMap((link, k) => (k ? [' · ', link] : [link]))),
    facts(v),
    h('ul', { class: 'items version-view' }, renderItem(item.key, v.view, { listParties: true })),
  ]);
}

function gap(before: ItemVersion, next: ItemVersion): HTMLElement {
  return h('li', { class: 'version-gap', text: `Hors vigueur du ${frDay(before.validTo!)} au ${frDay(addDays(next.validFrom, -1))}.` });
}

/** Draws the versions of the item the address names (`view.item`). */
export function renderVersions(): void {
  const out = byId('versions-contenu');
  const model = store.model;
  if (!model || !view.item) return;
  const [kind, id] = view.item.split(':');
  const item = findItem(model, kind, id);
  clear(out);
  if (!item) {
    setText(byId('versions-titre'), 'Versions');
    out.appendChild(h('p', { class: 'message', role: 'alert', text: `Aucun élément « ${view.item} » dans ce dispositif${view.knownAt ? ' à l’instant « connu au »' : ''}.` }));
    return;
  }
  setText(byId('versions-titre'), `Versions : ${item.name}`);
  const list: HTMLElement[] = [];
  item.versions.forEach((v, i) => {
    if (i > 0 && item.versions[i - 1].validTo !== v.validFrom) list.push(gap(item.versions[i - 1], v));
    list.push(versionEntry(item, v, i));
  });
  out.append(
    h('p', { class: 'help' }, [
      `${KIND_LABEL[item.kind] || item.kind} — ${plural(item.versions.length, ['version', 'versions'])}, de la plus ancienne à la plus récente. Chaque version est l’état de l’élément pendant sa période, avec le fait qui l’a ouverte.`,
    ]),
    item.kind === 'convention' ? terms(item) ?? '' : '',
    h('ol', { class: 'versions', 'data-kind': item.kind, 'data-id': item.id }, list),
  );
  out.setAttribute('data-item', view.item);
  if (!store.history || !store.documents) {
    out.setAttribute('aria-busy', 'true');
    Promise.all([ensureHistory(), ensureDocuments()])
      .then(() => {
        if (view.item === `${item.kind}:${item.id}`) renderVersions();
      })
      .catch((error: unknown) => out.appendChild(h('p', { class: 'message', text: errorText(error) })));
  } else out.setAttribute('aria-busy', 'false');
}
