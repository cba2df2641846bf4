/**
 * The views of the page besides the state on a date — an item's versions, recording a fact,
 * creating a framework — each in place of the sections of the state, with its own address (Back
 * returns to the state), its heading taking the focus when it opens.
 */
import { frDay } from './dates.js';
import { byId, setText } from './dom.js';
import { frenchTypography } from './french-typography.js';
import { openCreateFramework } from './framework-form.js';
import { openRecord } from './record-view.js';
import { openVerify } from './verify-view.js';
import { currentFramework } from './store.js';
import { renderVersions } from './versions-view.js';
import { queryOf, view, type View } from './view-state.js';

const MAIN = ['reglages', 'etat', 'frise', 'differences', 'journal'];
const PANELS = ['versions', 'enregistrer', 'creer', 'verifier'];

/** The section shown in place of the state, if any. */
function panelOf(v: Pick<View, 'item' | 'panel'>): string | null {
  return v.item ? 'versions' : v.panel === 'record' ? 'enregistrer' : v.panel === 'framework' ? 'creer' : v.panel === 'verify' ? 'verifier' : null;
}

/** Where the focus goes back to when a view closes: the control that opened it. */
let opener: string | null = null;
export function rememberOpener(selector: string | null): void {
  opener = selector;
}

/** The links of the header and of the views follow the view (framework, date, known-at). */
export function syncLinks(): void {
  const main = { ...view, item: null, panel: null, amend: null };
  byId<HTMLAnchorElement>('nav-record').href = queryOf({ ...main, panel: 'record' });
  byId<HTMLAnchorElement>('nav-framework').href = queryOf({ ...main, panel: 'framework' });
  byId<HTMLAnchorElement>('nav-verify').href = queryOf({ ...main, panel: 'verify' });
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-panel="verify"]:not(#nav-verify)')) link.href = queryOf({ ...main, panel: 'verify' });
  for (const id of ['enregistrer-retour', 'creer-retour', 'verifier-retour']) {
    const link = byId<HTMLAnchorElement>(id);
    link.href = queryOf(main);
    setText(link, view.at ? `Retour à l’état au ${frDay(view.at)}` : 'Retour à l’état à la date');
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-panel="record"]:not(#nav-record)')) link.href = queryOf({ ...main, panel: 'record' });
}

/** The control a view is opened from, when the reader did not say (Back and Forward, an address). */
function defaultOpener(): string | null {
  if (view.item) return `.versions-link[data-item="${view.item}"]`;
  if (view.amend) return `a[data-amend="${view.amend.action}"][data-event-id="${view.amend.eventId}"]`;
  return view.panel === 'record' ? '#nav-record' : view.panel === 'framework' ? '#nav-framework' : view.panel === 'verify' ? '#nav-verify' : null;
}

/** Shows the view the address names; `before`: the view shown until now (null: the page is opening). */
export function showPanels(before: View | null): void {
  const panel = panelOf(view);
  const was = before ? panelOf(before) : undefined;
  for (const id of MAIN) byId(id).hidden = panel !== null;
  for (const id of PANELS) byId(id).hidden = id !== panel;
  syncLinks();
  if (panel === 'versions') renderVersions();
  if (panel === 'enregistrer') void openRecord();
  if (panel === 'creer') openCreateFramework();
  if (panel === 'verifier') openVerify();
  const fw = currentFramework();
  if (panel) {
    const heading = byId(`${panel}-titre`);
    document.title = frenchTypography(`${heading.textContent ?? ''} — ${fw ? fw.name : ''} — Historique de la gouvernance`);
  }
  if (was === undefined || was === panel) return;
  // The reader moved to another view: the focus follows.
  if (panel) {
    opener ??= defaultOpener();
    byId(`${panel}-titre`).focus();
  } else {
    const back = opener ? document.querySelector<HTMLElement>(opener) : null;
    opener = null;
    const target = back && !back.closest('[hidden]') ? back : byId('etat-titre');
    if (!target.matches('a[href], button, input, select, textarea, [tabindex]')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
}
