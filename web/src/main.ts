/** Historique de la gouvernance: the page's entry point (loaded as an ES module by index.html). */
import { api } from './api.js';
import { renderAudit } from './audit-view.js';
import { addYears, dayNum, fieldToInstant, instantToField, isDay, numDay } from './dates.js';
import { showDiffProblem } from './diff-view.js';
import { byId, clear, h } from './dom.js';
import { clearMessage, showMessage } from './messages.js';
import { loadDiff, loadFramework, setAt, setKnownAt } from './app.js';
import { store } from './store.js';
import { dayOfClick, renderTimeline, timelineLayout } from './timeline-draw.js';
import { view, writeUrl } from './view-state.js';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function bind(): void {
  byId('controls').addEventListener('submit', (e) => e.preventDefault());
  const framework = byId<HTMLSelectElement>('framework');
  framework.addEventListener('change', () => {
    view.framework = framework.value;
    store.model = null;
    store.history = null;
    writeUrl();
    void loadFramework();
  });
  const date = byId<HTMLInputElement>('date');
  date.addEventListener('change', () => {
    if (isDay(date.value)) {
      clearMessage();
      setAt(date.value);
    } else if (date.value) {
      showMessage('Date invalide : utilisez le format AAAA-MM-JJ.');
    }
  });
  const slider = byId<HTMLInputElement>('date-slider');
  slider.addEventListener('input', () => setAt(numDay(Number(slider.value)), { debounce: true }));
  slider.addEventListener('change', () => setAt(numDay(Number(slider.value))));
  slider.addEventListener('keydown', (e) => {
    if (e.key !== 'PageUp' && e.key !== 'PageDown') return;
    e.preventDefault();
    const model = store.model;
    if (!model || !view.at) return;
    const next = addYears(view.at, e.key === 'PageUp' ? 1 : -1);
    setAt(numDay(Math.min(Math.max(dayNum(next), model.axisMin), model.axisMax)), { debounce: true });
  });
  const knownAt = byId<HTMLInputElement>('known-at');
  knownAt.addEventListener('change', () => {
    const instant = fieldToInstant(knownAt.value);
    if (instant === undefined) {
      showMessage('Instant « connu au » invalide.');
      return;
    }
    setKnownAt(instant);
  });
  byId('known-at-clear').addEventListener('click', () => {
    knownAt.value = '';
    setKnownAt(null);
  });
  byId('diff-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const from = byId<HTMLInputElement>('diff-from').value;
    const to = byId<HTMLInputElement>('diff-to').value;
    if (!isDay(from) || !isDay(to)) {
      showDiffProblem('Indiquez deux dates (AAAA-MM-JJ).');
      return;
    }
    if (to < from) {
      showDiffProblem('La date « Au » ne peut pas précéder la date « Du ».');
      return;
    }
    view.from = from;
    view.to = to;
    view.diffShown = true;
    writeUrl();
    void loadDiff();
  });
  byId('audit-actor').addEventListener('change', renderAudit);
  byId('audit-type').addEventListener('change', renderAudit);
  const timeline = byId('timeline');
  timeline.addEventListener('click', (event) => {
    const day = dayOfClick(event);
    if (day) setAt(day);
  });
  timeline.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ' && e.key !== 'Spacebar') return;
    const el = (e.target as Element | null)?.closest?.('.el');
    if (!el) return;
    e.preventDefault();
    setAt(el.getAttribute('data-date') ?? '');
  });
  redrawOnResize(timeline);
}

/** The timeline is drawn to the width of its box: redrawn when that changes, keeping the focus on the same element. */
function redrawOnResize(timeline: HTMLElement): void {
  let lastWidth = 0;
  let pending = false;
  new ResizeObserver(() => {
    const width = Math.floor(timeline.clientWidth);
    if (width === lastWidth || pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const w = Math.floor(timeline.clientWidth);
      if (w === lastWidth || !store.model) return;
      lastWidth = w;
      const focused = document.activeElement;
      const key =
        focused && focused.classList.contains('el')
          ? [focused.getAttribute('data-kind'), focused.getAttribute('data-id'), focused.getAttribute('data-from')]
          : null;
      renderTimeline();
      if (!key) return;
      const again = timelineLayout()?.elements.find(
        (el) => el.getAttribute('data-kind') === key[0] && el.getAttribute('data-id') === key[1] && el.getAttribute('data-from') === key[2],
      );
      again?.focus();
    });
  }).observe(timeline);
}

async function start(): Promise<void> {
  bind();
  const p = new URLSearchParams(location.search);
  const at = p.get('at');
  const knownAt = p.get('knownAt');
  const from = p.get('from');
  const to = p.get('to');
  if (at) {
    if (isDay(at)) view.at = at;
    else showMessage(`Date invalide dans l’adresse : « ${at} ».`);
  }
  if (knownAt) {
    const field = instantToField(knownAt);
    if (field) {
      view.knownAt = fieldToInstant(field) ?? null;
      byId<HTMLInputElement>('known-at').value = field;
    } else {
      showMessage(`Instant « connu au » invalide dans l’adresse : « ${knownAt} ».`);
    }
  }
  if (isDay(from) && isDay(to) && from <= to) {
    view.from = from;
    view.to = to;
    view.diffShown = true;
  }
  try {
    const frameworks = await api.frameworks();
    store.frameworks = frameworks;
    const select = byId<HTMLSelectElement>('framework');
    clear(select);
    for (const f of frameworks) select.appendChild(h('option', { value: f.id, text: f.name }));
    if (!frameworks.length) {
      byId('framework-title').textContent = '';
      showMessage("Aucun dispositif n'est enregistré.");
      byId('etat').setAttribute('aria-busy', 'false');
      return;
    }
    let wanted = p.get('framework');
    if (wanted && !frameworks.some((f) => f.id === wanted)) {
      showMessage(`Dispositif inconnu : « ${wanted} ». Affichage de « ${frameworks[0].name} ».`);
      wanted = null;
    }
    view.framework = wanted || frameworks[0].id;
    select.value = view.framework;
    await loadFramework();
  } catch (error) {
    showMessage(errorText(error));
  }
}

void start();
