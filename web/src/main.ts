/** Historique de la gouvernance: the page's entry point (loaded as an ES module by index.html). */
import { api } from './api.js';
import { changeView, errorText, loadFramework } from './app.js';
import { renderAudit } from './audit-view.js';
import { addYears, dayNum, fieldToInstant, frDay, isDay, numDay } from './dates.js';
import { showDiffProblem } from './diff-view.js';
import { byId, clear, h, setText } from './dom.js';
import { addressMessages, clearMessage, showMessage } from './messages.js';
import { store } from './store.js';
import { bindTimeline } from './timeline-keys.js';
import { readAddress, view, type Address } from './view-state.js';

/** A change the reader asked for: the message of the previous view goes, the view gets its own history entry. */
function choose(patch: Parameters<typeof changeView>[0], options: { debounce?: boolean; replace?: boolean } = {}): void {
  clearMessage();
  changeView(patch, options.replace ? 'replace' : 'push', options);
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
  // Dragging the slider is one change of view (one history entry), whatever the number of steps.
  const slider = byId<HTMLInputElement>('date-slider');
  let dragging = false;
  slider.addEventListener('input', () => {
    choose({ at: numDay(Number(slider.value)) }, { debounce: true, replace: dragging });
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
    choose({ at: numDay(Math.min(Math.max(dayNum(next), model.axisMin), model.axisMax)) }, { debounce: true });
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
  bindFragmentFocus();
  window.addEventListener('popstate', () => void followAddress());
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
    if (!document.getElementById(id) && id.startsWith('fait-')) {
      // The entry is filtered out of the audit log: show the whole log (before the browser moves to it).
      byId<HTMLSelectElement>('audit-actor').value = '';
      byId<HTMLSelectElement>('audit-type').value = '';
      renderAudit();
    }
    const target = document.getElementById(id);
    if (!target) return;
    if (!target.matches('a[href], button, input, select, textarea, summary, [tabindex]')) target.setAttribute('tabindex', '-1');
    // Once the browser has moved to the fragment.
    requestAnimationFrame(() => target.focus({ preventScroll: true }));
  });
}

/** Shows the view the address names (on Back and Forward), saying what of it could not be used. */
async function followAddress(): Promise<void> {
  const address = readAddress(location.search);
  const framework = knownFramework(address);
  const messages: string[] = [];
  if (!address.at && !address.problems.length && address.framework === view.framework) return;
  clearMessage();
  changeView({ framework, at: address.at ?? view.at, knownAt: address.knownAt, from: address.from, to: address.to, diffShown: address.diffShown }, 'none');
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
  Object.assign(view, { at: address.at, knownAt: address.knownAt, from: address.from, to: address.to, diffShown: address.diffShown });
  try {
    const frameworks = await api.frameworks();
    store.frameworks = frameworks;
    const select = byId<HTMLSelectElement>('framework');
    clear(select);
    for (const f of frameworks) select.appendChild(h('option', { value: f.id, text: f.name }));
    if (!frameworks.length) {
      setText(byId('framework-title'), '');
      showMessage('Aucun dispositif n’est enregistré.');
      byId('etat').setAttribute('aria-busy', 'false');
      return;
    }
    view.framework = knownFramework(address);
    select.value = view.framework!;
    // The address is corrected in place (no new entry): the message says what is shown instead.
    const loaded = await loadFramework('replace');
    const messages = address.framework && address.framework !== view.framework && view.at ? [unknownFramework(address.framework, view.at)] : [];
    if (loaded && view.at) messages.push(...addressMessages(address.problems, { at: view.at, knownAt: view.knownAt }));
    if (messages.length) showMessage(messages);
  } catch (error) {
    showMessage(errorText(error));
  }
}

void start();
