/**
 * What the page does when the view changes: which answers to load, in which order, and what to draw
 * (a later request wins over an earlier one still under way), and the history entry it makes.
 */
import { api } from './api.js';
import { fillSelect, renderAudit } from './audit-view.js';
import { addYears, dayNum, frDay, frInstant, instantToField, isDay, minDay, numDay, today } from './dates.js';
import { announceDiff, renderDiff } from './diff-view.js';
import { byId, clear, h, setText } from './dom.js';
import { EVENT_TYPE } from './labels.js';
import { showMessage } from './messages.js';
import { renderState } from './state-view.js';
import { currentFramework, indexHistory, store } from './store.js';
import { markTimeline, renderTimeline, updateCursor } from './timeline-draw.js';
import { loadTimelineModel } from './timeline-model.js';
import { commitUrl, view, type HistoryMode, type View } from './view-state.js';

const seq = { state: 0, model: 0, diff: 0, history: 0 };
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

let stateTimer: ReturnType<typeof setTimeout> | undefined;

async function loadState(): Promise<void> {
  clearTimeout(stateTimer);
  if (!view.framework || !view.at) return;
  const mine = ++seq.state;
  byId('etat').setAttribute('aria-busy', 'true');
  try {
    const state = await api.state(view.framework, view.at, view.knownAt);
    if (mine !== seq.state) return;
    renderState(state);
    markTimeline();
  } catch (error) {
    if (mine !== seq.state) return;
    byId('etat').setAttribute('aria-busy', 'false');
    showMessage(errorText(error));
  }
}

/**
 * Shows another view: what changed is loaded again, and the address follows (`push` for a view the
 * reader chose, `none` when the address already says it, on Back and Forward).
 */
export function changeView(patch: Partial<View>, mode: HistoryMode, options: { debounce?: boolean } = {}): void {
  const before = { ...view };
  Object.assign(view, patch);
  if (view.at && !isDay(view.at)) view.at = before.at;
  if (view.framework !== before.framework) {
    store.model = null;
    store.history = null;
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
  const knownChanged = view.knownAt !== before.knownAt;
  if (knownChanged) {
    renderAudit();
    loadModel().catch((error: unknown) => showMessage(errorText(error)));
  }
  if (knownChanged || view.at !== before.at) {
    clearTimeout(stateTimer);
    if (options.debounce) stateTimer = setTimeout(() => void loadState(), 150);
    else void loadState();
  }
  if (knownChanged || view.from !== before.from || view.to !== before.to || view.diffShown !== before.diffShown) void loadDiff();
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
  updateCursor();
  markTimeline();
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

async function loadModel(): Promise<boolean> {
  if (!view.framework) return false;
  const mine = ++seq.model;
  byId('timeline').setAttribute('data-ready', 'false');
  const model = await loadTimelineModel(view.framework, view.knownAt);
  if (mine !== seq.model) return false;
  store.model = model;
  setupSlider();
  renderTimeline();
  return true;
}

async function loadDiff(): Promise<void> {
  const { from, to } = view;
  if (!view.framework || !isDay(from) || !isDay(to)) return;
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

async function loadHistory(): Promise<void> {
  if (!view.framework) return;
  const mine = ++seq.history;
  const answer = await api.history(view.framework);
  if (mine !== seq.history) return;
  store.history = indexHistory(answer.events);
  const actors = [...new Set(answer.events.map((e) => e.recordedBy))].sort();
  const types = [...new Set(answer.events.map((e) => e.type))];
  fillSelect(byId<HTMLSelectElement>('audit-actor'), actors);
  fillSelect(byId<HTMLSelectElement>('audit-type'), types, EVENT_TYPE);
  const events = answer.events;
  setText(
    byId('known-at-bornes'),
    events.length ? `Enregistrements du ${frInstant(events[0].recordedAt)} au ${frInstant(events[events.length - 1].recordedAt)}.` : '',
  );
  renderAudit();
}

/** Loads everything of the framework shown; without a date, shows the last day of its history (or today). */
export async function loadFramework(mode: HistoryMode): Promise<boolean> {
  const fw = currentFramework();
  setText(byId('framework-title'), fw ? fw.name + (fw.description ? ` — ${fw.description}` : '') : '');
  try {
    await Promise.all([loadModel(), loadHistory()]);
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
    await Promise.all([loadState(), loadDiff()]);
    return true;
  } catch (error) {
    showMessage(errorText(error));
    return false;
  }
}
