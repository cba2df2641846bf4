/** What came into force, ended or changed between two dates, and the facts dated in between. */
import type { DiffAnswer, Evidence, StateDiff, StateKey } from './api-types.js';
import { dateLabel, frDay, frInstant, isDay, sincePhrase } from './dates.js';
import { byId, clear, h, setText } from './dom.js';
import { EVIDENCE_LABEL, evidenceTag } from './evidence.js';
import { FIELD_LABEL, FIGURE_LABEL, KIND_LABEL, keyOfKind, MISSION_DOMAIN, plural, TERM_CHANGE } from './labels.js';
import { approxBadge, sourceDetails } from './sources.js';
import { nameOfConvention, store } from './store.js';

function describeValue(field: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (isDay(value)) return frDay(value);
  if (typeof value === 'string' && (field === 'evidence' || field === 'supersedesEvidence')) return EVIDENCE_LABEL[value as Evidence] ?? value;
  if (typeof value === 'string' && (field === 'carriedOverFrom' || field === 'partiesCarriedOverFrom')) return nameOfConvention(value);
  if (typeof value === 'string') return /Edtf$/.test(field) || field === 'originalEnd' ? dateLabel(value) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    return (
      value
        .map((v: unknown) => {
          if (v && typeof v === 'object') {
            const o = v as Record<string, unknown>;
            if (o.newEnd) return `${TERM_CHANGE[String(o.kind)] || String(o.kind)} (${dateLabel(o.effectiveDate)})`;
            return String(o.name || o.claim || o.id || JSON.stringify(v));
          }
          if (field === 'conventions') return nameOfConvention(String(v));
          if (field === 'domains') return MISSION_DOMAIN[String(v)] || String(v);
          return String(v);
        })
        .join(', ') || '—'
    );
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${FIGURE_LABEL[k] || k} : ${String(v)}`)
      .join(' ; ');
  }
  return String(value);
}

const LISTS = new Set(['parties', 'termChanges', 'conventions', 'conflicts']);

function describeChange(change: { field: string; before: unknown; after: unknown }): HTMLElement {
  const label = FIELD_LABEL[change.field] || change.field;
  const { before, after } = change;
  if (LISTS.has(change.field) && (Array.isArray(before) || before === null) && (Array.isArray(after) || after === null)) {
    const key = (v: unknown) => {
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        return String(o.id || o.eventId || JSON.stringify(v));
      }
      return String(v);
    };
    const was = ((before as unknown[] | null) ?? []).map(key);
    const now = ((after as unknown[] | null) ?? []).map(key);
    const added = ((after as unknown[] | null) ?? []).filter((v) => !was.includes(key(v)));
    const removed = ((before as unknown[] | null) ?? []).filter((v) => !now.includes(key(v)));
    const parts: string[] = [];
    if (added.length) parts.push(`ajout de ${describeValue(change.field, added)}`);
    if (removed.length) parts.push(`retrait de ${describeValue(change.field, removed)}`);
    return h('li', null, [h('strong', { text: label }), ` : ${parts.join(' ; ') || 'réordonné'}`]);
  }
  return h('li', null, [h('strong', { text: label }), ` : ${describeValue(change.field, before)} → ${describeValue(change.field, after)}`]);
}

/** The date as the source gives it, for an item that came into force (from the sampled states). */
function sinceEdtfOf(entry: { kind: string; id: string; since: string }): string {
  const model = store.model;
  if (!model) return entry.since;
  const key = keyOfKind(entry.kind) as StateKey;
  let found: string | null = null;
  for (const it of model.items) {
    if (it.key !== key || it.id !== entry.id) continue;
    for (const v of it.versions) if (v.view.since === entry.since) found = v.view.sinceEdtf;
  }
  return found || entry.since;
}

/** What came into force, ended or changed, in three columns (ids of their headings prefixed by `prefix`). */
export function diffColumns(
  diff: StateDiff,
  prefix: string,
  level: 'h4' | 'h5' = 'h4',
  /** The date as the source gives it, when the page knows it better than its lists (a fact not recorded yet). */
  sourceDate: (entry: { kind: string; id: string; since: string }) => string | undefined = () => undefined,
): HTMLElement {
  const column = <T>(id: string, heading: string, entries: T[], render: (entry: T) => HTMLElement) =>
    h('div', { class: 'diff-column', role: 'group', 'aria-labelledby': `${prefix}${id}` }, [
      h(level, { id: `${prefix}${id}`, text: `${heading} (${entries.length})` }),
      entries.length ? h('ul', { class: 'diff-list', 'data-list': `diff-${id}` }, entries.map(render)) : h('p', { class: 'help', text: 'Aucun.' }),
    ]);
  return h('div', { class: 'diff-columns' }, [
    column('entres', 'Entrés en vigueur', diff.cameIntoForce, (e) => {
      const sinceEdtf = sourceDate(e) ?? sinceEdtfOf(e);
      return h('li', { 'data-kind': e.kind, 'data-id': e.id }, [
        h('span', { class: 'diff-new', text: 'Nouveau' }),
        ' ',
        `${KIND_LABEL[e.kind] || e.kind} : `,
        h('strong', { class: 'diff-name', text: e.name }),
        `, ${sincePhrase({ since: e.since, approximate: e.approximate, sinceEdtf })} `,
        e.approximate ? approxBadge({ since: e.since, sinceEdtf }) : null,
        e.approximate ? ' ' : null,
        evidenceTag(e.evidence),
      ]);
    }),
    column('termines', 'Terminés', diff.ended, (e) =>
      h('li', { 'data-kind': e.kind, 'data-id': e.id }, [
        h('span', { class: 'diff-ended', text: 'Terminé' }),
        ' ',
        `${KIND_LABEL[e.kind] || e.kind} : `,
        h('strong', { class: 'diff-name', text: e.name }),
      ]),
    ),
    column('modifies', 'Modifiés', diff.changed, (c) => {
      const fields = c.fields.filter((f) => {
        if (!/Edtf$/.test(f.field)) return true;
        const base = f.field.replace(/Edtf$/, '');
        return !c.fields.some((g) => g.field === base);
      });
      return h('li', { 'data-kind': c.kind, 'data-id': c.id }, [
        `${KIND_LABEL[c.kind] || c.kind} : `,
        h('strong', { class: 'diff-name', text: c.name }),
        h('ul', { class: 'field-changes' }, fields.map(describeChange)),
      ]);
    }),
  ]);
}

export function renderDiff(diff: DiffAnswer): void {
  const out = byId('diff-result');
  clear(out);
  const title = `Du ${frDay(diff.from)} au ${frDay(diff.to)}${diff.knownAt ? `, tel que connu au ${frInstant(diff.knownAt)}` : ''}`;
  out.appendChild(h('h3', { text: title }));
  out.appendChild(diffColumns(diff, 'diff-'));
  const events = diff.events ?? [];
  out.appendChild(
    h('section', { class: 'diff-events', 'aria-labelledby': 'diff-faits' }, [
      h('h4', { id: 'diff-faits', text: `Faits datés dans l'intervalle (${events.length})` }),
      events.length
        ? h(
            'ul',
            { class: 'diff-list' },
            events.map((e) =>
              h('li', null, [
                h('strong', { text: dateLabel(e.effectiveDate) }),
                e.approximate ? ' ≈' : '',
                ' — ',
                `${e.label} : ${e.summary} `,
                sourceDetails(e.source, `${e.label} ${e.summary}`, e.eventId),
              ]),
            ),
          )
        : h('p', { class: 'help', text: 'Aucun.' }),
    ]),
  );
  out.setAttribute('data-from', diff.from);
  out.setAttribute('data-to', diff.to);
  out.setAttribute('data-known-at', diff.knownAt ?? '');
}

export function showDiffProblem(text: string): void {
  const out = byId('diff-result');
  clear(out);
  out.appendChild(h('p', { class: 'message', role: 'alert', text }));
}

/** The one line announced when the reader compares two dates (the result itself is not a live region). */
export function announceDiff(diff: DiffAnswer): void {
  setText(
    byId('diff-annonce'),
    `Du ${frDay(diff.from)} au ${frDay(diff.to)} : ${plural(diff.cameIntoForce.length, ['entré en vigueur', 'entrés en vigueur', 'aucun entré en vigueur'])}, ` +
      `${plural(diff.ended.length, ['terminé', 'terminés', 'aucun terminé'])}, ${plural(diff.changed.length, ['modifié', 'modifiés', 'aucun modifié'])}.`,
  );
}
