/**
 * What the page does when the view changes: which answers to load, in which order, and what to draw
 * (a later request wins over an earlier one still under way), and the history entry it makes.
 * The first view costs one answer of the service beyond the list of frameworks: every item's
 * versions (`/items`), from which the state on any date and the timeline are drawn. The differences
 * between two dates, the audit log and the documents' titles are loaded when they are wanted.
 */
import { api } from './api.js';
import { fillAuditFilters, renderAudit } from './audit-view.js';
import { addYears, dayNum, frDay, frInstant, instantToField, isDay, minDay, numDay, today } from './dates.js';
import { announceDiff, renderDiff } from './diff-view.js';
import { byId, clear, h, setText } from './dom.js';
import { syncHorizon } from './horizon-view.js';
import { buildModel, nextChange, stateOn } from './items-model.js';
import { showMessage } from './messages.js';
import { showPanels, syncLinks } from './panels.js';
import { updatePrintHeader } from './print-view.js';
import { completeSources } from './sources.js';
import { renderState } from './state-view.js';
import { currentFramework, indexHistory, store, type HistoryIndex } from './store.js';
import { markTimeline, renderTimeline, updateCursor } from './timeline-draw.js';
import { commitUrl, view, type HistoryMode, type View } from './view-state.js';

const seq = { model: 0, diff: 0, history: 0, documents: 0 };
/** The differences and the audit log are loaded once the reader reaches them (or asks for them). */
export const wanted = { diff: false, history: false };
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Draws the state on the day shown, from the items' versions (no request). */
function showState(): void {
  const model = store.model;
  if (!model || !view.at || model.frameworkId !== view.framework) return;
  const state = stateOn(model, view.at);
  renderState(state);
  syncHorizon(model.frameworkId, state);
  markTimeline();
  updatePrintHeader();
  syncSteps();
}

/**
 * Shows another view: what changed is loaded again, and the address follows (`push` for a view the
 * reader chose, `none` when the address already says it, on Back and Forward).
 */
export function changeView(patch: Partial<View>, mode: HistoryMode): void {
  const before = { ...view };
  Object.assign(view, patch);
  if (view.at && !isDay(view.at)) view.at = before.at;
  if (view.framework !== before.framework) {
    store.model = null;
    store.history = null;
    store.documents = null;
    byId<HTMLSelectElement>('framework').value = view.framework ?? '';
    void loadFramework(mode);
    return;
  }
  if (!view.diffShown && view.at) {
    view.from = addYears(view.at, -2);
    view.to = view.at;
  }
  syncControls();
  commitUrl(mode);
  syncLinks();
  const knownChanged = view.knownAt !== before.knownAt;
  if (knownChanged) {
    renderAudit();
    reloadModel().catch((error: unknown) => showMessage(errorText(error)));
  } else if (view.at !== before.at) showState();
  if (view.diffShown && !before.diffShown) wanted.diff = true;
  if (knownChanged || view.from !== before.from || view.to !== before.to || view.diffShown !== before.diffShown) void loadDiff();
  if (view.item !== before.item || view.panel !== before.panel || JSON.stringify(view.amend) !== JSON.stringify(before.amend)) showPanels(before);
}

/** The controls show the view: date field, slider, known-at field, diff dates, timeline cursor. */
function syncControls(): void {
  if (view.at) {
    const date = byId<HTMLInputElement>('date');
    if (date.value !== view.at) date.value = view.at;
  }
  const known = byId<HTMLInputElement>('known-at');
  const field = view.knownAt ? instantToField(view.knownAt) : '';
  if (known.value !== field) known.value = field;
  if (view.from) byId<HTMLInputElement>('diff-from').value = view.from;
  if (view.to) byId<HTMLInputElement>('diff-to').value = view.to;
  syncSlider();
  syncSteps();
  updateCursor();
  markTimeline();
}

/** « Modification précédente / suivante »: the days something starts or stops, before and after the day shown. */
function syncSteps(): void {
  const model = store.model;
  for (const [id, step] of [['change-prev', -1], ['change-next', 1]] as const) {
    const button = byId<HTMLButtonElement>(id);
    const day = model && view.at ? nextChange(model, view.at, step) : null;
    button.disabled = day === null;
    button.setAttribute('data-day', day ?? '');
    setText(byId(`${id}-date`), day ? ` (${frDay(day)})` : '');
  }
}

function syncSlider(): void {
  const model = store.model;
  if (!model || !view.at) return;
  const slider = byId<HTMLInputElement>('date-slider');
  slider.value = String(Math.min(Math.max(dayNum(view.at), model.axisMin), model.axisMax));
  slider.setAttribute('aria-valuetext', frDay(view.at));
  setText(byId('date-aide'), `État du dispositif le ${frDay(view.at)}.`);
}
function setupSlider(): void {
  const model = store.model;
  if (!model) return;
  const slider = byId<HTMLInputElement>('date-slider');
  slider.min = String(model.axisMin);
  slider.max = String(model.axisMax);
  setText(byId('slider-bornes'), `Du ${frDay(numDay(model.axisMin))} au ${frDay(numDay(model.axisMax))}.`);
  syncSlider();
}

/** Loads every item's versions again (after a write: once the read models hold `minPosition`), and draws them. */
export async function reloadModel(minPosition?: number): Promise<boolean> {
  if (!view.framework) return false;
  const mine = ++seq.model;
  byId('timeline').setAttribute('data-ready', 'false');
  byId('etat').setAttribute('aria-busy', 'true');
  const model = buildModel(await api.items(view.framework, view.knownAt, minPosition));
  if (mine !== seq.model) return false;
  store.model = model;
  setupSlider();
  renderTimeline();
  showState();
  return true;
}

export async function loadDiff(): Promise<void> {
  const { from, to } = view;
  if (!wanted.diff || !view.framework || !isDay(from) || !isDay(to)) return;
  const mine = ++seq.diff;
  const out = byId('diff-result');
  out.setAttribute('aria-busy', 'true');
  try {
    const diff = await api.diff(view.framework, from, to, view.knownAt);
    if (mine !== seq.diff) return;
    renderDiff(diff);
    if (view.diffShown) announceDiff(diff);
    out.setAttribute('aria-busy', 'false');
  } catch (error) {
    if (mine !== seq.diff) return;
    out.setAttribute('aria-busy', 'false');
    clear(out);
    out.appendChild(h('p', { class: 'message', text: errorText(error) }));
  }
}

/** The audit log (loaded once, again after a write); the sources shown get their log numbers. */
export async function ensureHistory(options: { reload?: boolean; minPosition?: number } = {}): Promise<HistoryIndex | null> {
  const framework = view.framework;
  if (!framework) return null;
  if (store.history && !options.reload) return store.history;
  const mine = ++seq.history;
  const answer = await api.history(framework, options.minPosition);
  if (mine !== seq.history || framework !== view.framework) return store.history;
  store.history = indexHistory(answer.events);
  fillAuditFilters();
  if (wanted.history) renderAudit();
  completeSources();
  return store.history;
}

/** The titles of the documents the sources cite; the sources shown get them. */
export async function ensureDocuments(reload = false): Promise<void> {
  const framework = view.framework;
  if (!framework || (store.documents && !reload)) return;
  const mine = ++seq.documents;
  const answer = await api.documents(framework);
  if (mine !== seq.documents || framework !== view.framework) return;
  store.documents = new Map(answer.documents.map((d) => [d.document, d.title]));
  completeSources();
}

/** The audit log, once the reader reaches it. */
export function showHistory(): void {
  if (wanted.history) return;
  wanted.history = true;
  if (store.history) renderAudit();
  else ensureHistory().catch((error: unknown) => showMessage(errorText(error)));
}
/** The differences, once the reader reaches them. */
export function showDiff(): void {
  if (wanted.diff) return;
  wanted.diff = true;
  void loadDiff();
}

/** After a write: everything shown is loaded again, from the read models that hold it. */
export async function afterWrite(position: number): Promise<void> {
  store.frameworks = await api.frameworks().catch(() => store.frameworks);
  await Promise.all([reloadModel(position), ensureHistory({ reload: true, minPosition: position }), store.documents ? ensureDocuments(true) : null]);
  void loadDiff();
}

/** Loads everything of the framework shown; without a date, shows the last day of its history (or today). */
export async function loadFramework(mode: HistoryMode): Promise<boolean> {
  const fw = currentFramework();
  setText(byId('framework-title'), fw ? fw.name + (fw.description ? ` — ${fw.description}` : '') : '');
  setText(byId('known-at-bornes'), fw ? `Enregistrements du ${frInstant(fw.createdAt)} au ${frInstant(fw.updatedAt)}.` : '');
  try {
    const loaded = await reloadModel();
    const model = store.model;
    if (!view.at && model) view.at = minDay(today(), numDay(model.axisMax));
    if (!view.at) view.at = today();
    if (!view.diffShown || !isDay(view.from) || !isDay(view.to)) {
      view.diffShown = false;
      view.from = addYears(view.at, -2);
      view.to = view.at;
    }
    syncControls();
    commitUrl(mode);
    showState();
    if (view.diffShown) wanted.diff = true;
    void loadDiff();
    if (wanted.history) void ensureHistory();
    showPanels(null);
    return loaded;
  } catch (error) {
    showMessage(errorText(error));
    return false;
  }
}
