/**
 * What the page does when the view changes: which answers to load, in which order, and what to draw
 * (a later request wins over an earlier one still under way).
 */
import { api } from './api.js';
import { fillSelect, renderAudit } from './audit-view.js';
import { addYears, dayNum, frDay, frInstant, isDay, minDay, numDay, today } from './dates.js';
import { renderDiff } from './diff-view.js';
import { byId, clear, h } from './dom.js';
import { EVENT_TYPE } from './labels.js';
import { clearMessage, showMessage } from './messages.js';
import { renderState } from './state-view.js';
import { currentFramework, indexHistory, store } from './store.js';
import { markTimeline, renderTimeline, updateCursor } from './timeline-draw.js';
import { loadTimelineModel } from './timeline-model.js';
import { view, writeUrl } from './view-state.js';

const seq = { state: 0, model: 0, diff: 0, history: 0 };
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

let stateTimer: ReturnType<typeof setTimeout> | undefined;

export async function loadState(): Promise<void> {
  clearTimeout(stateTimer);
  if (!view.framework || !view.at) return;
  const mine = ++seq.state;
  byId('etat').setAttribute('aria-busy', 'true');
  try {
    const state = await api.state(view.framework, view.at, view.knownAt);
    if (mine !== seq.state) return;
    clearMessage();
    renderState(state);
    markTimeline();
  } catch (error) {
    if (mine !== seq.state) return;
    byId('etat').setAttribute('aria-busy', 'false');
    showMessage(errorText(error));
  }
}

export function setAt(day: string, options: { debounce?: boolean } = {}): void {
  if (!isDay(day)) return;
  view.at = day;
  const date = byId<HTMLInputElement>('date');
  if (date.value !== day) date.value = day;
  syncSlider();
  updateCursor();
  writeUrl();
  clearTimeout(stateTimer);
  if (options.debounce) {
    stateTimer = setTimeout(() => {
      void loadState();
      followDate();
    }, 150);
  } else {
    void loadState();
    followDate();
  }
}

/** Until the reader compares two dates of their own, the diff shows the two years up to the date shown. */
function followDate(): void {
  if (view.diffShown || !view.at) return;
  view.from = addYears(view.at, -2);
  view.to = view.at;
  byId<HTMLInputElement>('diff-from').value = view.from;
  byId<HTMLInputElement>('diff-to').value = view.to;
  void loadDiff();
}

export function syncSlider(): void {
  const model = store.model;
  if (!model || !view.at) return;
  const slider = byId<HTMLInputElement>('date-slider');
  slider.value = String(Math.min(Math.max(dayNum(view.at), model.axisMin), model.axisMax));
  slider.setAttribute('aria-valuetext', frDay(view.at));
  byId('date-aide').textContent = `État du dispositif le ${frDay(view.at)}.`;
}
function setupSlider(): void {
  const model = store.model;
  if (!model) return;
  const slider = byId<HTMLInputElement>('date-slider');
  slider.min = String(model.axisMin);
  slider.max = String(model.axisMax);
  byId('slider-bornes').textContent = `Du ${frDay(numDay(model.axisMin))} au ${frDay(numDay(model.axisMax))}.`;
  syncSlider();
}

export async function loadModel(): Promise<boolean> {
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

export async function loadDiff(): Promise<void> {
  const { from, to } = view;
  if (!view.framework || !isDay(from) || !isDay(to)) return;
  const mine = ++seq.diff;
  const out = byId('diff-result');
  out.setAttribute('aria-busy', 'true');
  try {
    const diff = await api.diff(view.framework, from, to, view.knownAt);
    if (mine !== seq.diff) return;
    renderDiff(diff);
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
  byId('known-at-bornes').textContent = events.length
    ? `Enregistrements du ${frInstant(events[0].recordedAt)} au ${frInstant(events[events.length - 1].recordedAt)}.`
    : '';
  renderAudit();
}

export async function loadFramework(): Promise<void> {
  const fw = currentFramework();
  byId('framework-title').textContent = fw ? fw.name + (fw.description ? ` — ${fw.description}` : '') : '';
  try {
    await Promise.all([loadModel(), loadHistory()]);
    const model = store.model;
    if (!view.at && model) view.at = minDay(today(), numDay(model.axisMax));
    if (!view.at) view.at = today();
    byId<HTMLInputElement>('date').value = view.at;
    syncSlider();
    updateCursor();
    if (!view.diffShown || !isDay(view.from) || !isDay(view.to)) {
      view.from = addYears(view.at, -2);
      view.to = view.at;
    }
    byId<HTMLInputElement>('diff-from').value = view.from!;
    byId<HTMLInputElement>('diff-to').value = view.to!;
    writeUrl();
    await Promise.all([loadState(), loadDiff()]);
  } catch (error) {
    showMessage(errorText(error));
  }
}

export function setKnownAt(instant: string | null): void {
  clearMessage();
  view.knownAt = instant;
  writeUrl();
  renderAudit();
  loadModel().catch((error: unknown) => showMessage(errorText(error)));
  void loadState();
  void loadDiff();
}
