/**
 * The timeline by keyboard, pointer and touch: one Tab stop; ← → between the targets of a lane,
 * ↑ ↓ to the nearest target of the lane above or below, Début / Fin to the first or last of the
 * lane (with Ctrl: of the timeline), Entrée or Espace to show the state on its date. The name of
 * the target reached or touched is written in full under the picture.
 */
import { byId, setText } from './dom.js';
import { store } from './store.js';
import { dayAtPointer, followScroll, renderTimeline, rove, timelineLayout } from './timeline-draw.js';

const centre = (el: Element) => {
  const r = el.getBoundingClientRect();
  return r.left + r.width / 2;
};

function neighbour(el: SVGGElement, key: string, ctrl: boolean): SVGGElement | null {
  const layout = timelineLayout();
  if (!layout) return null;
  const laneIndex = Number(el.getAttribute('data-lane'));
  const lane = layout.lanes[laneIndex];
  const i = lane.indexOf(el);
  switch (key) {
    case 'ArrowRight':
      return lane[i + 1] ?? null;
    case 'ArrowLeft':
      return lane[i - 1] ?? null;
    case 'Home':
      return ctrl ? layout.elements[0] : lane[0];
    case 'End':
      return ctrl ? layout.elements[layout.elements.length - 1] : lane[lane.length - 1];
    case 'ArrowDown':
    case 'ArrowUp': {
      const step = key === 'ArrowDown' ? 1 : -1;
      for (let l = laneIndex + step; l >= 0 && l < layout.lanes.length; l += step) {
        const candidates = layout.lanes[l];
        if (!candidates.length) continue;
        const x = centre(el);
        return candidates.reduce((best, c) => (Math.abs(centre(c) - x) < Math.abs(centre(best) - x) ? c : best));
      }
      return null;
    }
    default:
      return null;
  }
}

function describe(el: Element): void {
  const caption = byId('frise-choix');
  setText(caption, `${el.getAttribute('data-label') ?? ''}.`);
  caption.hidden = false;
}

export function bindTimeline(choose: (day: string) => void): void {
  const timeline = byId('timeline');
  timeline.addEventListener('click', (event) => {
    const el = (event.target as Element | null)?.closest?.<SVGGElement>('.el');
    if (el) {
      rove(el, false);
      describe(el);
      choose(el.getAttribute('data-date')!);
    } else if ((event.target as Element | null)?.classList.contains('plot-bg')) {
      const day = dayAtPointer(event);
      if (day) choose(day);
    }
  });
  timeline.addEventListener('focusin', (event) => {
    const el = (event.target as Element | null)?.closest?.<SVGGElement>('.el');
    if (!el) return;
    rove(el, false);
    describe(el);
  });
  timeline.addEventListener('keydown', (e) => {
    const el = (e.target as Element | null)?.closest?.<SVGGElement>('.el');
    if (!el) return;
    if (e.key === 'Enter' || e.key === ' ' || e.key === 'Spacebar') {
      e.preventDefault();
      choose(el.getAttribute('data-date')!);
      return;
    }
    const next = neighbour(el, e.key, e.ctrlKey || e.metaKey);
    if (!next && !['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) return;
    e.preventDefault();
    if (next) rove(next, true);
  });
  let scrolling = false;
  timeline.addEventListener(
    'scroll',
    () => {
      if (scrolling) return;
      scrolling = true;
      requestAnimationFrame(() => {
        scrolling = false;
        followScroll();
      });
    },
    { passive: true },
  );
  redrawOnResize(timeline);
}

/** The timeline is drawn to the width of its box: redrawn when that changes, keeping the focus on the same target. */
function redrawOnResize(timeline: HTMLElement): void {
  let lastWidth = 0;
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const w = Math.floor(timeline.clientWidth);
      if (w === lastWidth || !store.model) return;
      lastWidth = w;
      const focused = document.activeElement;
      const key = focused?.classList.contains('el')
        ? [focused.getAttribute('data-kind'), focused.getAttribute('data-id'), focused.getAttribute('data-from')]
        : null;
      renderTimeline();
      if (!key) return;
      const again = timelineLayout()?.elements.find(
        (el) => el.getAttribute('data-kind') === key[0] && el.getAttribute('data-id') === key[1] && el.getAttribute('data-from') === key[2],
      );
      if (again) rove(again, true);
    });
  }).observe(timeline);
}
