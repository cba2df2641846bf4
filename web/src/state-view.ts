/**
 * The state on a date: conventions with their terms, signatories, missions, instruments, bodies,
 * reviews, milestones, contradictions — each with its source, and a link to its versions.
 */
import type { ConventionView, ItemView, PartyView, StateKey } from './api-types.js';
import { dateLabel, frDay, frInstant, isDay, sincePhrase } from './dates.js';
import { byId, clear, h, setText, type Child } from './dom.js';
import { frenchTypography, quoted } from './french-typography.js';
import {
  BODY_KIND,
  COUNT_LABEL,
  EMPTY_LABEL,
  FIGURE_LABEL,
  INSTRUMENT_KIND,
  KIND_LABEL,
  KIND_OF,
  KINDS,
  keyOfKind,
  MISSION_DOMAIN,
  PARTY_KIND,
  plural,
  TERM_CHANGE,
} from './labels.js';
import { evidenceBadge, evidenceTag } from './evidence.js';
import { Footnotes } from './print-notes.js';
import { approxBadge, conflictBadges, sourceDetails } from './sources.js';
import { currentFramework, nameOf, nameOfConvention, store, type StateShown } from './store.js';
import { queryOf, view } from './view-state.js';

/** The kinds of items whose versions can be opened. */
const VERSIONED = new Set<StateKey>(['conventions', 'parties', 'missions', 'instruments', 'bodies']);

/** How an item is drawn: in the state (with a link to its versions and a printed note), or as one version of it. */
export interface ItemContext {
  key: StateKey;
  notes: Footnotes | null;
  versionsLink: boolean;
  /** A convention names its signatories (in a view without the list of signatories). */
  listParties?: boolean;
}
let context: ItemContext = { key: 'conventions', notes: null, versionsLink: false };

function versionsLink(key: StateKey, item: ItemView): HTMLElement {
  const ref = `${KIND_OF[key]}:${item.id}`;
  return h('a', { class: 'versions-link', href: queryOf({ ...view, item: ref, panel: null, amend: null }), 'data-item': ref }, [
    'Versions',
    h('span', { class: 'sr-only', text: ` : ${item.name}` }),
  ]);
}

function itemHead(item: ItemView, extra?: Child): HTMLElement {
  return h('div', { class: 'item-head' }, [
    h('h4', { class: 'item-name', text: item.name }),
    // The number of its source among the notes of the printed state.
    context.notes?.mark(item.source, item.name, item) ?? null,
    item.approximate ? approxBadge(item) : null,
    conflictBadges(item),
    extra ?? null,
    // How the sources support it on the day shown, as the service says.
    evidenceBadge(item, item.name, nameOfConvention),
    context.versionsLink && VERSIONED.has(context.key) ? versionsLink(context.key, item) : null,
  ]);
}

function renderConvention(c: ConventionView): HTMLElement {
  const end = c.end
    ? `jusqu'au ${frDay(c.end)}${c.endEdtf && !isDay(c.endEdtf) ? ` (fin ${dateLabel(c.endEdtf)})` : ''}`
    : 'sans terme fixé';
  const changes = c.termChanges.map((tc) =>
    h('li', null, [
      h('strong', { text: TERM_CHANGE[tc.kind] || tc.kind }),
      ` (${dateLabel(tc.effectiveDate)}) : jusqu'à ${isDay(tc.newEnd) ? `au ${frDay(tc.newEnd)}` : `fin ${dateLabel(tc.newEnd)}`} `,
      evidenceTag(tc.evidence),
    ]),
  );
  const attrs = {
    class: 'item convention',
    'data-id': c.id,
    'data-start': c.start,
    'data-end': c.end ?? '',
    'data-approximate': String(c.approximate),
    'data-evidence': c.evidence,
    'data-parties': c.parties.map((p) => p.id).join(' '),
  };
  return h('li', attrs, [
    itemHead(c),
    h('p', { class: 'item-meta' }, [
      'En vigueur ',
      c.approximate ? `depuis ${dateLabel(c.startEdtf)} (comptée à partir du ${frDay(c.start)})` : `depuis le ${frDay(c.start)}`,
      ', ',
      h('strong', { class: 'convention-end', text: end }),
      '.',
    ]),
    c.originalEnd !== null && c.termChanges.length
      ? h('p', { class: 'item-meta term-signed' }, [`Terme prévu à la signature : ${dateLabel(c.originalEnd)} `, evidenceTag(c.source.confidence), '.'])
      : null,
    changes.length
      ? h('div', null, [h('p', { class: 'item-meta', text: 'Reconductions et prorogations :' }), h('ul', { class: 'term-changes' }, changes)])
      : null,
    c.supersedes ? h('p', { class: 'item-meta', text: `Remplace : ${nameOfConvention(c.supersedes)}.` }) : null,
    // The signatories are listed once, below (« Signataires »), each with its date and source.
    h(
      'p',
      { class: 'item-meta convention-parties' },
      context.listParties
        ? `${plural(c.parties.length, ['signataire', 'signataires', 'aucun signataire'])} : ${c.parties.map((p) => p.name).join(', ')}.`
        : [`${plural(c.parties.length, ['signataire', 'signataires', 'aucun signataire'])} : `, h('a', { href: '#titre-parties', text: 'voir la liste des signataires' }), '.'],
    ),
    sourceDetails(c.source, c.name, c.eventId),
  ]);
}

/** One signatory; which convention binds it is said only when several are in force that day. */
function renderParty(p: PartyView, severalConventions: boolean): HTMLElement {
  const bound = severalConventions ? ` ; lié par : ${(p.conventions ?? []).map(nameOfConvention).join(', ')}` : '';
  return h('li', { class: 'item party', 'data-id': p.id, 'data-approximate': String(p.approximate), 'data-evidence': p.evidence }, [
    itemHead(p, h('span', { class: 'kind-badge', text: PARTY_KIND[p.kind] || p.kind })),
    h('p', { class: 'item-meta', text: `Signataire ${sincePhrase(p)}${bound}.` }),
    sourceDetails(p.source, p.name, p.eventId),
  ]);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function renderLasting(kind: StateKey, item: ItemView): HTMLElement {
  const dated = kind === 'reviews' || kind === 'milestones' || kind === 'conflicts';
  const meta = [dated ? `date : ${item.approximate ? dateLabel(item.sinceEdtf || item.since) : frDay(item.since)}` : sincePhrase(item)];
  const domains = Array.isArray(item.domains) ? (item.domains as string[]) : null;
  if (kind === 'missions' && domains) meta.unshift(`Domaines : ${domains.map((d) => MISSION_DOMAIN[d] || d).join(', ')}`);
  const itemKind = str(item.kind);
  if (kind === 'instruments' && itemKind) meta.unshift(INSTRUMENT_KIND[itemKind] || itemKind);
  if (kind === 'bodies' && itemKind) meta.unshift(BODY_KIND[itemKind] || itemKind);
  const conductedBy = str(item.conductedBy);
  if (kind === 'reviews' && conductedBy) meta.push(`conduit par : ${nameOf('bodies', conductedBy)}`);
  const figures = item.figures && typeof item.figures === 'object' ? (item.figures as Record<string, unknown>) : null;
  const extra: HTMLElement[] = [];
  const description = str(item.description);
  if (description) extra.push(h('p', { class: 'item-meta', text: description }));
  const findings = Array.isArray(item.findings) ? (item.findings as string[]) : [];
  if (kind === 'reviews' && findings.length) extra.push(h('ul', { class: 'findings' }, findings.map((f) => h('li', { text: f }))));
  if (kind === 'conflicts') {
    const accounts = (Array.isArray(item.accounts) ? item.accounts : []) as { claim: string; passage: string }[];
    // The versions of the sources (what each says, quoted) and how the record settles it, one click away.
    const resolution = str(item.resolution);
    extra.push(
      h('details', { class: 'accounts-details' }, [
        h('summary', null, [
          `Les ${accounts.length} versions des sources${resolution ? ' et la résolution' : ''}`,
          h('span', { class: 'sr-only', text: ` : ${item.name}` }),
        ]),
        h('ul', { class: 'accounts' }, accounts.map((a) => h('li', null, [`${a.claim} `, h('span', { class: 'account-passage', text: quoted(a.passage) })]))),
        resolution ? h('p', { class: 'item-meta', text: `Résolution : ${resolution}` }) : null,
      ]),
    );
    const about = Array.isArray(item.about) ? (item.about as { kind: string; id: string }[]) : null;
    if (about) {
      const concerned = about.map((a) => {
        const label = KIND_LABEL[a.kind] || a.kind;
        const named = nameOf(keyOfKind(a.kind) as StateKey, a.id);
        return named.toLowerCase().startsWith(label.toLowerCase()) ? named : `${label} ${named}`;
      });
      extra.push(h('p', { class: 'item-meta', text: `Concerne : ${concerned.join(', ')}.` }));
    }
  }
  return h(
    'li',
    {
      class: `item ${KIND_OF[kind]}${kind === 'conflicts' ? ' conflict-item' : ''}`,
      id: kind === 'conflicts' ? `conflit-${item.id}` : null,
      'data-id': item.id,
      'data-approximate': String(item.approximate),
      'data-evidence': item.evidence,
    },
    [
      itemHead(item),
      h('p', { class: 'item-meta', text: `${meta.join(' ; ')}.` }),
      figures
        ? h(
            'dl',
            { class: 'figures', 'aria-label': 'Chiffres' },
            Object.entries(figures).map(([k, v]) => [h('dt', { text: FIGURE_LABEL[k] || k }), h('dd', { text: String(v) })]),
          )
        : null,
      extra,
      sourceDetails(item.source, item.name, item.eventId),
    ],
  );
}

/**
 * The one line announced to screen readers when the state changes (the section itself is not a
 * live region): « État au 30 juin 2007 : 1 convention en vigueur, 14 signataires, … ».
 */
export function stateSummary(state: StateShown): string {
  const when = `État au ${frDay(state.at)}${state.knownAt ? `, tel que connu au ${frInstant(state.knownAt)}` : ''}`;
  return `${when} : ${stateCounts(state)}`;
}
/** « 1 convention en vigueur, 14 signataires, 2 missions d’appui, 5 instruments, aucune instance. » */
function stateCounts(state: StateShown): string {
  if (KINDS.every((k) => state[k].length === 0) && state.knownAt) return 'rien n’était encore enregistré pour cette date à cet instant.';
  return `${(['conventions', 'parties', 'missions', 'instruments', 'bodies'] as const).map((k) => plural(state[k].length, COUNT_LABEL[k]!)).join(', ')}.`;
}

/** One item as a list entry (of the state, or of an item's versions). */
export function renderItem(key: StateKey, item: ItemView, how: Partial<ItemContext> = {}, severalConventions = false): HTMLElement {
  const before = context;
  context = { key, notes: null, versionsLink: false, ...how };
  try {
    return key === 'conventions'
      ? renderConvention(item as ConventionView)
      : key === 'parties'
        ? renderParty(item as PartyView, severalConventions)
        : renderLasting(key, item);
  } finally {
    context = before;
  }
}

export function renderState(state: StateShown): void {
  store.state = state;
  const section = byId('etat');
  setText(byId('etat-titre'), `État au ${frDay(state.at)}`);
  const known = byId('etat-connu');
  known.hidden = !state.knownAt;
  setText(known, state.knownAt ? `Connu au ${frInstant(state.knownAt)} : le registre tel qu’il était à cet instant (les faits enregistrés ou corrigés après sont ignorés).` : '');
  setText(byId('etat-resume'), stateSummary(state));
  const counts = stateCounts(state);
  setText(byId('etat-comptes'), counts.charAt(0).toUpperCase() + counts.slice(1));
  const severalConventions = state.conventions.length > 1;
  const notes = new Footnotes();
  for (const kind of KINDS) {
    const list = byId(`liste-${kind}`);
    clear(list);
    const items = state[kind] as ItemView[];
    if (!items.length) {
      list.appendChild(h('li', { class: 'empty', text: EMPTY_LABEL[kind] }));
      continue;
    }
    for (const item of items) list.appendChild(renderItem(kind, item, { notes, versionsLink: true }, severalConventions));
  }
  notes.render();
  section.setAttribute('data-at', state.at);
  section.setAttribute('data-known-at', state.knownAt ?? '');
  section.setAttribute('aria-busy', 'false');
  const fw = currentFramework();
  document.title = frenchTypography(`État au ${frDay(state.at)} — ${fw ? fw.name : view.framework} — Historique de la gouvernance`);
}
