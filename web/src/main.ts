/** Historique de la gouvernance: the page's entry point (web/build.mjs builds it and what it imports into one script). */
import { api } from './api.js';
import { changeView, ensureHistory, errorText, loadFramework, showDiff, showHistory } from './app.js';
import { renderAudit } from './audit-view.js';
import { onSessionChange, signedIn, signOut } from './auth.js';
import { addYears, dayNum, fieldToInstant, frDay, isDay, numDay } from './dates.js';
import { showDiffProblem } from './diff-view.js';
import { byId, clear, h, setText } from './dom.js';
import { bindExports } from './exports.js';
import { addressMessages, clearMessage, showMessage } from './messages.js';
import { rememberOpener, showPanels } from './panels.js';
import { bindPrint } from './print-view.js';
import { openRecord } from './record-view.js';
import { ensureDocuments } from './app.js';
import { store } from './store.js';
import { bindTimeline } from './timeline-keys.js';
import { readAddress, view, type Address, type View } from './view-state.js';

/** A change the reader asked for: the message of the previous view goes, the view gets its own history entry. */
function choose(patch: Partial<View>, options: { replace?: boolean } = {}): void {
  clearMessage();
  changeView(patch, options.replace ? 'replace' : 'push');
}

function bindControls(): void {
  byId('controls').addEventListener('submit', (e) => e.preventDefault());
  byId('message-close').addEventListener('click', () => {
    clearMessage();
    byId('date').focus();
  });
  const framework = byId<HTMLSelectElement>('framework');
  framework.addEventListener('change', () => choose({ framework: framework.value, at: view.at }));
  const date = byId<HTMLInputElement>('date');
  date.addEventListener('change', () => {
    if (isDay(date.value)) choose({ at: date.value });
    else if (date.value) showMessage(`La date « ${date.value} » n’est pas valide : utilisez le format AAAA-MM-JJ.`);
  });
  for (const id of ['change-prev', 'change-next']) {
    const button = byId<HTMLButtonElement>(id);
    button.addEventListener('click', () => {
      const day = button.getAttribute('data-day');
      if (day) choose({ at: day });
    });
  }
  // Dragging the slider is one change of view (one history entry), whatever the number of steps.
  const slider = byId<HTMLInputElement>('date-slider');
  let dragging = false;
  slider.addEventListener('input', () => {
    choose({ at: numDay(Number(slider.value)) }, { replace: dragging });
    dragging = true;
  });
  slider.addEventListener('change', () => {
    choose({ at: numDay(Number(slider.value)) }, { replace: dragging });
    dragging = false;
  });
  slider.addEventListener('keydown', (e) => {
    if (e.key !== 'PageUp' && e.key !== 'PageDown') return;
    e.preventDefault();
    const model = store.model;
    if (!model || !view.at) return;
    const next = addYears(view.at, e.key === 'PageUp' ? 1 : -1);
    choose({ at: numDay(Math.min(Math.max(dayNum(next), model.axisMin), model.axisMax)) });
  });
  const knownAt = byId<HTMLInputElement>('known-at');
  knownAt.addEventListener('change', () => {
    const instant = fieldToInstant(knownAt.value);
    if (instant === undefined) showMessage(`L’instant « connu au » « ${knownAt.value} » n’est pas valide.`);
    else choose({ knownAt: instant });
  });
  byId('known-at-clear').addEventListener('click', () => choose({ knownAt: null }));
  byId('diff-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const from = byId<HTMLInputElement>('diff-from').value;
    const to = byId<HTMLInputElement>('diff-to').value;
    if (!isDay(from) || !isDay(to)) showDiffProblem('Indiquez deux dates (AAAA-MM-JJ).');
    else if (to < from) showDiffProblem('La date « Au » ne peut pas précéder la date « Du ».');
    else choose({ from, to, diffShown: true });
  });
  byId('audit-actor').addEventListener('change', renderAudit);
  byId('audit-type').addEventListener('change', renderAudit);
  bindTimeline((day) => choose({ at: day }));
  bindLinks();
  bindFragmentFocus();
  bindLazySections();
  bindSession();
  bindPrint();
  bindExports();
  // The first source opened loads the documents' titles and the audit log's numbers.
  document.addEventListener('toggle', (event) => {
    const details = event.target as HTMLDetailsElement;
    if (!details.open || !details.classList?.contains('source')) return;
    Promise.all([ensureDocuments(), ensureHistory()]).catch((error: unknown) => showMessage(errorText(error)));
  }, true);
  byId('saisie').addEventListener('record-again', () => {
    if (view.amend) choose({ amend: null });
    else void openRecord().then(() => document.querySelector<HTMLElement>('#fact-type')?.focus());
  });
  window.addEventListener('popstate', () => void followAddress());
}

/**
 * Links to another view of the page (versions of an item, recording, the state on a day) change
 * the view in place, with a history entry; the focus comes back to the link when the view closes.
 */
function bindLinks(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[href^="?"]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const url = new URL(link.href);
    const address = readAddress(url.search);
    if (link.matches('.versions-link')) rememberOpener(`.versions-link[data-item="${link.getAttribute('data-item')}"]`);
    else if (link.matches('[data-amend]')) rememberOpener(`a[data-amend="${link.getAttribute('data-amend')}"][data-event-id="${link.getAttribute('data-event-id')}"]`);
    else if (link.id === 'nav-record' || link.id === 'nav-framework' || link.id === 'nav-verify') rememberOpener(`#${link.id}`);
    // The state on a day the reader asked for: its heading takes the focus.
    else if (link.matches('.version-state, #voir-etat')) rememberOpener('#etat-titre');
    choose({
      framework: address.framework ?? view.framework,
      at: address.at ?? view.at,
      knownAt: url.searchParams.has('knownAt') ? address.knownAt : view.knownAt,
      item: address.item,
      panel: address.panel,
      amend: address.amend,
    });
    if (url.hash) void goToFragment(url.hash.slice(1));
  });
}

/** Moves the focus to an element of the page (an entry of the audit log is loaded and shown first). */
async function goToFragment(id: string): Promise<void> {
  if (id.startsWith('fait-')) {
    showHistory();
    await ensureHistory();
    if (!document.getElementById(id)) {
      // The entry is filtered out of the audit log: show the whole log.
      byId<HTMLSelectElement>('audit-actor').value = '';
      byId<HTMLSelectElement>('audit-type').value = '';
      renderAudit();
    }
  }
  const target = document.getElementById(id);
  if (!target) return;
  if (!target.matches('a[href], button, input, select, textarea, summary, [tabindex]')) target.setAttribute('tabindex', '-1');
  history.replaceState(null, '', location.pathname + location.search + `#${id}`);
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

/**
 * A link within the page (« n° 13 du journal d'audit », « sources en désaccord », the skip links)
 * moves the focus to what it points to, not only the scroll position.
 */
function bindFragmentFocus(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
    const id = decodeURIComponent(link?.getAttribute('href')?.slice(1) ?? '');
    if (!id) return;
    if (id.startsWith('fait-') && !document.getElementById(id)?.closest(':not([hidden])#journal')) {
      event.preventDefault();
      if (view.item || view.panel) choose({ item: null, panel: null, amend: null });
      void goToFragment(id);
      return;
    }
    const target = document.getElementById(id);
    if (!target) return;
    if (!target.matches('a[href], button, input, select, textarea, summary, [tabindex]')) target.setAttribute('tabindex', '-1');
    // Once the browser has moved to the fragment.
    requestAnimationFrame(() => target.focus({ preventScroll: true }));
  });
}

/** The differences and the audit log are loaded when the reader comes near them. */
function bindLazySections(): void {
  const actions: Record<string, () => void> = { differences: showDiff, journal: showHistory };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        actions[entry.target.id]?.();
        observer.unobserve(entry.target);
      }
    },
    { rootMargin: '200px 0px' },
  );
  for (const id of Object.keys(actions)) observer.observe(byId(id));
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-section]')) {
    link.addEventListener('click', () => {
      const section = link.getAttribute('data-section');
      if (view.item || view.panel) choose({ item: null, panel: null, amend: null });
      if (section) actions[section]?.();
    });
  }
}

function bindSession(): void {
  const show = () => {
    byId('session').hidden = !signedIn();
    renderAudit();
    if (view.panel) showPanels(null);
  };
  byId('sign-out').addEventListener('click', () => {
    signOut();
    byId('nav-record').focus();
  });
  onSessionChange(show);
  byId('session').hidden = !signedIn();
}

/** Shows the view the address names (on Back and Forward), saying what of it could not be used. */
async function followAddress(): Promise<void> {
  const address = readAddress(location.search);
  const framework = knownFramework(address);
  const messages: string[] = [];
  if (!address.at && !address.problems.length && address.framework === view.framework && !address.item && !address.panel && !view.item && !view.panel) return;
  clearMessage();
  changeView(
    { framework, at: address.at ?? view.at, knownAt: address.knownAt, from: address.from, to: address.to, diffShown: address.diffShown, item: address.item, panel: address.panel, amend: address.amend },
    'none',
  );
  if (framework !== address.framework && address.framework && view.at) messages.push(unknownFramework(address.framework, view.at));
  if (view.at) messages.push(...addressMessages(address.problems, { at: view.at, knownAt: view.knownAt }));
  if (messages.length) showMessage(messages);
}

function knownFramework(address: Address): string | null {
  const wanted = address.framework;
  return wanted && store.frameworks.some((f) => f.id === wanted) ? wanted : (store.frameworks[0]?.id ?? null);
}
const unknownFramework = (id: string, at: string) =>
  `Le dispositif « ${id} » n’existe pas : affichage de « ${store.frameworks[0]?.name ?? ''} », état au ${frDay(at)}.`;

async function start(): Promise<void> {
  bindControls();
  const address = readAddress(location.search);
  Object.assign(view, { at: address.at, knownAt: address.knownAt, from: address.from, to: address.to, diffShown: address.diffShown, item: address.item, panel: address.panel, amend: address.amend });
  try {
    const frameworks = await api.frameworks();
    store.frameworks = frameworks;
    const select = byId<HTMLSelectElement>('framework');
    clear(select);
    for (const f of frameworks) select.appendChild(h('option', { value: f.id, text: f.name }));
    if (!frameworks.length) {
      setText(byId('framework-title'), '');
      showMessage('Aucun dispositif n’est enregistré : créez-en un (« Créer un dispositif »).');
      byId('etat').setAttribute('aria-busy', 'false');
      showPanels(null);
      return;
    }
    view.framework = knownFramework(address);
    select.value = view.framework!;
    // The address is corrected in place (no new entry): the message says what is shown instead.
    const loaded = await loadFramework('replace');
    const messages = address.framework && address.framework !== view.framework && view.at ? [unknownFramework(address.framework, view.at)] : [];
    if (loaded && view.at) messages.push(...addressMessages(address.problems, { at: view.at, knownAt: view.knownAt }));
    if (messages.length) showMessage(messages);
    if (location.hash.startsWith('#fait-')) void goToFragment(location.hash.slice(1));
  } catch (error) {
    showMessage(errorText(error));
  }
}

void start();
