/**
 * The timeline picture (SVG). Wide screens: names in a column on the left, the whole history across.
 * Narrow screens: the history at a readable scale in a box that scrolls sideways, each lane's full
 * name above its bars. Every target is at least 24 px each way, shows a two-tone focus ring, and is
 * reached with one Tab stop (roving tabindex, see timeline-keys.ts).
 */
import { dayNum, frDay, numDay, pad } from './dates.js';
import { byId, clear, h, setText, svg, SVG_NS } from './dom.js';
import { store } from './store.js';
import { timelineLanes, type Target } from './timeline-lanes.js';
import { view } from './view-state.js';

export interface TimelineLayout {
  root: SVGSVGElement;
  x: (day: string) => number;
  x0: number;
  x1: number;
  span: number;
  cursor: SVGLineElement;
  cursorLabel: SVGTextElement;
  /** The targets, lane by lane, each lane in date order. */
  lanes: SVGGElement[][];
  elements: SVGGElement[];
  width: number;
  narrow: boolean;
}
let layout: TimelineLayout | null = null;
export const timelineLayout = (): TimelineLayout | null => layout;

/** Below this width the timeline scrolls sideways, at a fixed scale. */
const NARROW = 700;
const PX_PER_YEAR_NARROW = 34;
const TARGET = 26;
const CHAR_W = 6.3;

/** Splits a text into lines of at most `max` characters, at spaces. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Splits a name into at most two lines of `max` characters (an ellipsis when it is longer). */
function twoLines(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  let cut = text.lastIndexOf(' ', max);
  if (cut < max / 2) cut = max;
  const rest = text.slice(cut).trim();
  return [text.slice(0, cut).trim(), rest.length > max ? `${rest.slice(0, max - 1).trim()}…` : rest];
}

export function renderTimeline(): void {
  const container = byId('timeline');
  const model = store.model;
  clear(container);
  if (!model || !model.items.length) {
    container.appendChild(
      h('p', {
        class: 'help',
        text: view.knownAt
          ? 'Aucun fait n’était enregistré à l’instant « connu au ».'
          : 'Rien à dessiner : aucune convention, aucun signataire, aucune mission, aucun instrument, aucune instance ni aucun jalon enregistré.',
      }),
    );
    container.setAttribute('data-ready', 'true');
    layout = null;
    return;
  }
  const box = Math.max(280, Math.floor(container.clientWidth || 800));
  const narrow = box < NARROW;
  const years = (model.axisMax - model.axisMin + 1) / 365.25;
  const labelW = narrow ? 0 : Math.min(300, Math.round(box * 0.26));
  const width = narrow ? Math.round(years * PX_PER_YEAR_NARROW) + 24 : box;
  const x0 = narrow ? 12 : labelW + 8;
  const x1 = width - 14;
  const span = model.axisMax - model.axisMin + 1;
  const x = (day: string) => x0 + ((dayNum(day) - model.axisMin) / span) * (x1 - x0);
  const xEnd = (day: string) => x0 + ((dayNum(day) + 1 - model.axisMin) / span) * (x1 - x0);
  const barH = narrow ? 18 : 14;
  const top = 30;
  const maxChars = Math.floor((labelW - 8) / CHAR_W);

  const root = svg('svg', {
    xmlns: SVG_NS,
    width,
    role: 'group',
    'aria-labelledby': 'frise-titre',
    'aria-describedby': 'frise-aide',
    'data-axis-start': numDay(model.axisMin),
    'data-axis-end': numDay(model.axisMax),
    'data-layout': narrow ? 'narrow' : 'wide',
  });
  root.appendChild(
    svg('defs', null, [
      svg('pattern', { id: 'pattern-renewal', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
        svg('rect', { width: 6, height: 6, fill: '#0f766e' }),
        svg('rect', { width: 2, height: 6, fill: '#5eead4' }),
      ]),
      svg('pattern', { id: 'pattern-extension', width: 7, height: 7, patternUnits: 'userSpaceOnUse' }, [
        svg('rect', { width: 7, height: 7, fill: '#7e22ce' }),
        svg('rect', { x: 5, width: 2, height: 7, fill: '#d8b4fe' }),
      ]),
    ]),
  );
  const bg = svg('rect', { class: 'plot-bg', x: x0, y: top - 6, width: x1 - x0, height: 10 });
  const grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  const names = svg('g', { class: 'names', 'aria-hidden': 'true' });
  const content = svg('g', { class: 'lanes' });
  root.append(bg, grid, names, content);

  const lanes: SVGGElement[][] = [];
  const elements: SVGGElement[] = [];
  const texts: SVGTextElement[] = [];
  const target = (t: Target, laneTop: number, lane: number) => {
    const cy = laneTop + TARGET / 2 + 2;
    const left = x(t.from);
    const right = t.shape === 'bar' ? xEnd(t.to) : left;
    const mid = (left + right) / 2;
    const hitW = Math.max(TARGET, right - left);
    const el = svg('g', {
      class: `el ${t.cls}${t.approximateStart ? ' approx-start' : ''}`,
      role: 'button',
      tabindex: '-1',
      'aria-label': `${t.label} — afficher l’état au ${frDay(t.date)}.`,
      'data-date': t.date,
      'data-kind': t.kind,
      'data-id': t.id,
      'data-from': t.from,
      'data-to': t.to,
      'data-segment': t.segment ?? null,
      'data-lane': lane,
      'data-label': t.label,
    });
    const ring = (out: number) => ({
      x: (mid - hitW / 2 - out).toFixed(1),
      y: (cy - TARGET / 2 - out).toFixed(1),
      width: (hitW + 2 * out).toFixed(1),
      height: TARGET + 2 * out,
      rx: 3,
    });
    el.append(
      svg('title', { text: t.label }),
      svg('rect', { class: 'hit', x: (mid - hitW / 2).toFixed(1), y: cy - TARGET / 2, width: hitW.toFixed(1), height: TARGET }),
    );
    if (t.shape === 'bar') {
      // A gap of 2 px between two consecutive terms (a renewal after a renewal stays two blocks).
      const w = Math.max(2, right - left - 2);
      el.append(svg('rect', { class: 'shape', x: (left + 1).toFixed(1), y: cy - barH / 2, width: w.toFixed(1), height: barH, rx: 2 }));
      // Outside the target, so that its name is its label alone.
      if (t.text && t.text.length * CHAR_W + 6 <= w) {
        texts.push(svg('text', { class: 'bar-text', x: (left + 4).toFixed(1), y: cy + 4, 'aria-hidden': 'true', text: t.text }));
      }
    } else if (t.shape === 'circle') {
      el.append(svg('circle', { class: 'shape', cx: mid.toFixed(1), cy, r: 7 }));
    } else {
      const r = 8;
      el.append(svg('path', { class: 'shape', d: `M${mid.toFixed(1)} ${cy - r} l${r} ${r} l-${r} ${r} l-${r} -${r} z` }));
    }
    // The focus ring: dark outside, white inside, visible on every colour and on the white page.
    el.append(svg('rect', { class: 'ring ring-outer', ...ring(3) }), svg('rect', { class: 'ring ring-inner', ...ring(0.5) }));
    content.appendChild(el);
    elements.push(el);
    return el;
  };

  let y = top;
  const narrowChars = Math.floor((box - 16) / CHAR_W);
  for (const group of timelineLanes(model)) {
    names.appendChild(svg('text', { class: 'group-label', x: 4, y: y + 14, text: group.label }));
    y += 22;
    for (const lane of group.lanes) {
      // Narrow: the full name above the bars, on as many lines as it needs (the names stay in sight when the box scrolls).
      const lines = narrow ? wrap(lane.label, narrowChars) : [];
      const laneTop = y + lines.length * 13;
      const index = lanes.length;
      const laneEls = [...lane.targets].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)).map((t) => target(t, laneTop, index));
      lanes.push(laneEls);
      if (narrow && lines.length) {
        names.appendChild(svg('text', { class: 'lane-label', x: 4, y: y + 11 }, lines.map((line, i) => svg('tspan', { x: 4, dy: i === 0 ? 0 : 13, text: line }))));
      } else if (lane.label) {
        const wide = twoLines(lane.label, maxChars);
        const first = y + 2 + TARGET / 2 + (wide.length === 1 ? 4 : -2);
        names.appendChild(svg('text', { class: 'lane-label', x: 4, y: first }, wide.map((line, i) => svg('tspan', { x: 4, dy: i === 0 ? 0 : 12, text: line }))));
      }
      y = laneTop + TARGET + 4;
    }
    y += 6;
  }

  content.append(...texts);
  const height = y + 4;
  bg.setAttribute('height', String(height - top + 2));
  bg.setAttribute('y', String(top - 4));
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => (x1 - x0) / (years / s) >= 40) ?? 100;
  const firstYear = +numDay(model.axisMin).slice(0, 4);
  const lastYear = +numDay(model.axisMax).slice(0, 4) + 1;
  for (let yr = Math.ceil(firstYear / step) * step; yr <= lastYear; yr += step) {
    const tx = x(`${pad(yr, 4)}-01-01`);
    if (tx < x0 - 0.5 || tx > x1 + 0.5) continue;
    grid.appendChild(svg('line', { class: 'tick', x1: tx.toFixed(1), x2: tx.toFixed(1), y1: top - 8, y2: height }));
    if (tx > width - 14) continue;
    grid.appendChild(svg('text', { class: 'tick-label', x: tx.toFixed(1), y: top - 12, 'text-anchor': 'middle', text: String(yr) }));
  }
  const cursor = svg('line', { class: 'cursor', y1: top - 6, y2: height, 'aria-hidden': 'true' });
  const cursorLabel = svg('text', { class: 'cursor-label', y: height + 12, 'aria-hidden': 'true' });
  root.append(cursor, cursorLabel);
  root.setAttribute('height', String(height + 16));
  root.setAttribute('viewBox', `0 0 ${width} ${height + 16}`);
  container.appendChild(root);
  layout = { root, x, x0, x1, span, cursor, cursorLabel, lanes, elements, width, narrow };
  container.setAttribute('data-ready', 'true');
  container.setAttribute('data-known-at', view.knownAt ?? '');
  updateCursor();
  markTimeline();
  followScroll();
}

/** Narrow: the names move with the box's scroll, so that they stay at its left edge. */
export function followScroll(): void {
  if (!layout || !layout.narrow) return;
  const names = layout.root.querySelector('.names');
  names?.setAttribute('transform', `translate(${byId('timeline').scrollLeft.toFixed(0)} 0)`);
}

/** The one target of the timeline reached by Tab (the others by the arrow keys): the last chosen, or one in force on the date shown. */
let rovingKey: string | null = null;
const keyOf = (el: Element) => `${el.getAttribute('data-kind')}|${el.getAttribute('data-id')}|${el.getAttribute('data-from')}`;

export function rove(el: SVGGElement, focus: boolean): void {
  if (!layout) return;
  for (const other of layout.elements) other.setAttribute('tabindex', '-1');
  el.setAttribute('tabindex', '0');
  rovingKey = keyOf(el);
  if (focus) el.focus();
}
function applyRoving(): void {
  if (!layout || !layout.elements.length) return;
  const el =
    layout.elements.find((e) => keyOf(e) === rovingKey) ?? layout.elements.find((e) => e.hasAttribute('aria-current')) ?? layout.elements[0];
  for (const other of layout.elements) other.setAttribute('tabindex', other === el ? '0' : '-1');
}

/** The cursor on the date shown; on a narrow screen, the box scrolls to keep it in sight. */
export function updateCursor(): void {
  const model = store.model;
  if (!layout || !view.at || !model) return;
  const n = Math.min(Math.max(dayNum(view.at), model.axisMin), model.axisMax);
  const cx = layout.x(numDay(n));
  layout.cursor.setAttribute('x1', cx.toFixed(1));
  layout.cursor.setAttribute('x2', cx.toFixed(1));
  setText(layout.cursorLabel, frDay(view.at));
  layout.cursorLabel.setAttribute('x', cx.toFixed(1));
  layout.cursorLabel.setAttribute('text-anchor', cx > layout.width - 90 ? 'end' : cx < layout.x0 + 60 ? 'start' : 'middle');
  const box = byId('timeline');
  if (layout.narrow && (cx < box.scrollLeft + 40 || cx > box.scrollLeft + box.clientWidth - 40)) box.scrollLeft = Math.max(0, cx - box.clientWidth / 2);
}

/** Elements in force on the date shown get aria-current; the roving Tab stop goes to one of them. */
export function markTimeline(): void {
  if (!layout || !view.at) return;
  for (const el of layout.elements) {
    const from = el.getAttribute('data-from')!;
    const to = el.getAttribute('data-to')!;
    if (el.classList.contains('mark') ? from === view.at : from <= view.at && view.at <= to) el.setAttribute('aria-current', 'date');
    else el.removeAttribute('aria-current');
  }
  applyRoving();
}

/** The day under the pointer on the timeline's background. */
export function dayAtPointer(event: MouseEvent): string | null {
  const model = store.model;
  if (!layout || !model) return null;
  const rect = layout.root.getBoundingClientRect();
  const px = (event.clientX - rect.left) * (layout.width / rect.width);
  const n = Math.round(model.axisMin + ((px - layout.x0) / (layout.x1 - layout.x0)) * layout.span);
  return numDay(Math.min(Math.max(n, model.axisMin), model.axisMax));
}
