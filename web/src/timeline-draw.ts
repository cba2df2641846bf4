/**
 * The timeline picture (SVG): conventions as bars (initial term, renewals, extensions, open-ended),
 * signatories, missions, instruments and bodies as lanes, milestones, reviews and contradictions as marks.
 */
import type { ConventionView } from './api-types.js';
import { addDays, dateLabel, dayNum, edtfBounds, frDay, minDay, numDay, pad } from './dates.js';
import { byId, clear, h, svg, SVG_NS } from './dom.js';
import { KIND_OF, TERM_CHANGE } from './labels.js';
import { store, type ModelRun } from './store.js';
import { view } from './view-state.js';

const GROUPS = [
  { key: 'conventions', label: 'Conventions' },
  { key: 'parties', label: 'Signataires' },
  { key: 'missions', label: "Missions d'appui" },
  { key: 'instruments', label: 'Instruments' },
  { key: 'bodies', label: 'Instances' },
  { key: 'marks', label: 'Jalons et bilans' },
] as const;

export interface TimelineLayout {
  root: SVGSVGElement;
  x: (day: string) => number;
  x0: number;
  x1: number;
  span: number;
  cursor: SVGLineElement;
  cursorLabel: SVGTextElement;
  elements: SVGElement[];
  width: number;
}
let layout: TimelineLayout | null = null;
export const timelineLayout = (): TimelineLayout | null => layout;

interface Segment {
  kind: 'term' | 'open' | 'extension' | 'renewal';
  from: string;
  to: string;
}
function conventionSegments(run: ModelRun, axisEndDay: string): Segment[] {
  const v = run.last as ConventionView;
  const stop = run.to || axisEndDay;
  const original = v.originalEnd ? edtfBounds(v.originalEnd) : null;
  if (!original || !original.last) return [{ kind: 'open', from: run.from, to: stop }];
  const segments: Segment[] = [{ kind: 'term', from: run.from, to: minDay(original.last, stop) }];
  let previousEnd = original.last;
  for (const tc of v.termChanges ?? []) {
    const b = edtfBounds(tc.newEnd);
    if (!b || !b.last || previousEnd >= stop || b.last <= previousEnd) continue;
    segments.push({ kind: tc.kind, from: addDays(previousEnd, 1), to: minDay(b.last, stop) });
    previousEnd = b.last;
  }
  if (previousEnd < stop) segments.push({ kind: 'open', from: addDays(previousEnd, 1), to: stop });
  return segments;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
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
          ? "Aucun fait n'était enregistré à l'instant « connu au »."
          : 'Rien à dessiner : aucune convention, aucun signataire, aucune mission, aucun instrument, aucune instance ni aucun jalon enregistré.',
      }),
    );
    container.setAttribute('data-ready', 'true');
    layout = null;
    return;
  }
  const width = Math.max(280, Math.floor(container.clientWidth || 800));
  const narrow = width < 560;
  const labelW = narrow ? 96 : 210;
  const x0 = labelW + 6;
  const x1 = width - 22;
  const span = model.axisMax - model.axisMin + 1;
  const x = (day: string) => x0 + ((dayNum(day) - model.axisMin) / span) * (x1 - x0);
  const xEnd = (day: string) => x0 + ((dayNum(day) + 1 - model.axisMin) / span) * (x1 - x0);
  const axisEndDay = numDay(model.axisMax);
  const rowH = 18;
  const barH = 12;
  const groupH = 22;
  const top = 28;
  const maxChars = Math.floor((labelW - 8) / 6.4);

  const root = svg('svg', {
    xmlns: SVG_NS,
    width,
    role: 'group',
    'aria-labelledby': 'frise-titre',
    'aria-describedby': 'frise-aide',
    'data-axis-start': numDay(model.axisMin),
    'data-axis-end': axisEndDay,
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
  root.appendChild(bg);
  const grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  root.appendChild(grid);
  const content = svg('g', { class: 'lanes' });
  root.appendChild(content);

  let y = top;
  const elements: SVGElement[] = [];
  const laneLabel = (text: string, yy: number, full?: boolean) => {
    content.appendChild(
      svg('text', { class: 'lane-label', x: 4, y: yy + barH - 2 }, [
        truncate(text, maxChars),
        full && text.length > maxChars ? svg('title', { text }) : null,
      ]),
    );
  };
  const element = <K extends 'rect' | 'circle' | 'path'>(tag: K, attrs: Record<string, string | number>, label: string, date: string, extra: Record<string, string>) => {
    const el = svg(tag, { tabindex: '0', role: 'button', 'aria-label': `${label} — afficher l’état au ${frDay(date)}.`, 'data-date': date, ...attrs }, svg('title', { text: label }));
    for (const [k, v] of Object.entries(extra)) el.setAttribute(`data-${k}`, v);
    content.appendChild(el);
    elements.push(el);
    return el;
  };
  const bar = (cls: string, from: string, to: string, yy: number, label: string, extra: Record<string, string>) => {
    const bx = x(from);
    const bw = Math.max(3, xEnd(to) - bx);
    return element('rect', { class: `el ${cls}`, x: bx.toFixed(1), y: yy, width: bw.toFixed(1), height: barH, rx: 2 }, label, from, { from, to, ...extra });
  };
  const period = (from: string, to: string, open: boolean) => `du ${frDay(from)}${open ? ', sans fin connue' : ` au ${frDay(to)}`}`;

  for (const group of GROUPS) {
    const groupItems = model.items.filter((it) =>
      group.key === 'marks' ? ['milestones', 'reviews', 'conflicts'].includes(it.key) : it.key === group.key,
    );
    if (!groupItems.length) continue;
    content.appendChild(svg('text', { class: 'group-label', x: 4, y: y + 14, text: group.label }));
    y += groupH;
    if (group.key === 'conventions') {
      const rows: string[] = [];
      const runs = groupItems.flatMap((item) => item.runs.map((run) => ({ item, run, row: 0 })));
      runs.sort((a, b) => (a.run.from < b.run.from ? -1 : a.run.from > b.run.from ? 1 : 0));
      for (const entry of runs) {
        const stop = entry.run.to || axisEndDay;
        let row = 0;
        while (row < rows.length && rows[row] >= entry.run.from) row++;
        rows[row] = stop;
        entry.row = row;
      }
      for (const entry of runs) {
        const yy = y + entry.row * rowH;
        const v = entry.run.last as ConventionView;
        conventionSegments(entry.run, axisEndDay).forEach((seg, i) => {
          const what = seg.kind === 'term' ? 'terme initial' : seg.kind === 'open' ? 'sans terme fixé' : (TERM_CHANGE[seg.kind] || seg.kind).toLowerCase();
          const label =
            `${entry.item.name} (${what}) : ${period(seg.from, seg.to, seg.kind === 'open' && !entry.run.to)}` +
            (i === 0 && v.approximate ? ` ; début approximatif (${dateLabel(v.startEdtf)})` : '');
          const el = bar(`bar-${seg.kind}${i === 0 && v.approximate ? ' approx-start' : ''}`, seg.from, seg.to, yy, label, {
            kind: 'convention',
            id: entry.item.id,
            segment: seg.kind,
          });
          if (i === 0) {
            const room = Number(el.getAttribute('width')) - 6;
            const year = (v.startEdtf || v.start || '').slice(0, 4);
            const candidates = [entry.item.name, year + (v.originalEnd ? `–${String(v.originalEnd).slice(0, 4)}` : ''), year];
            const fits = candidates.find((t) => t && t.length * 6.2 <= room);
            if (fits) {
              content.appendChild(
                svg('text', { class: 'bar-text', x: (Number(el.getAttribute('x')) + 3).toFixed(1), y: yy + barH - 2, 'aria-hidden': 'true', text: fits }),
              );
            }
          }
        });
      }
      laneLabel(rows.length > 1 ? 'Conventions cadres' : 'Convention cadre', y);
      y += Math.max(1, rows.length) * rowH;
    } else if (group.key === 'marks') {
      const levels: number[] = [];
      const marks = groupItems
        .filter((item) => item.runs[0])
        .map((item) => ({ item, day: item.runs[0].first.since || item.runs[0].from, view: item.runs[0].first, level: 0, x: 0 }));
      marks.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      for (const m of marks) {
        const mx = x(m.day);
        let level = 0;
        while (level < levels.length && levels[level] > mx - 11) level++;
        levels[level] = mx;
        m.level = level;
        m.x = mx;
      }
      const labelFor: Record<string, string> = { milestones: 'Jalon', reviews: 'Bilan', conflicts: 'Contradiction des sources' };
      for (const m of marks) {
        const cy = y + m.level * rowH + barH / 2;
        const r = 6;
        const d = `M${m.x.toFixed(1)} ${cy - r} l${r} ${r} l-${r} ${r} l-${r} -${r} z`;
        const label = `${labelFor[m.item.key] || 'Jalon'} : ${m.item.name}, ${m.view.approximate ? `${dateLabel(m.view.sinceEdtf)} (approximatif)` : frDay(m.day)}`;
        const cls = `el mark mark-${KIND_OF[m.item.key]}`;
        if (m.item.key === 'reviews') element('circle', { class: cls, cx: m.x.toFixed(1), cy, r: 5.5 }, label, m.day, { kind: 'review', id: m.item.id });
        else element('path', { class: cls, d }, label, m.day, { kind: KIND_OF[m.item.key], id: m.item.id });
      }
      laneLabel('Jalons, bilans, contradictions', y);
      y += Math.max(1, levels.length) * rowH;
    } else {
      const kind = KIND_OF[group.key];
      groupItems.sort((a, b) => {
        const fa = a.runs[0] ? a.runs[0].from : '';
        const fb = b.runs[0] ? b.runs[0].from : '';
        return fa < fb ? -1 : fa > fb ? 1 : a.name.localeCompare(b.name, 'fr');
      });
      for (const it of groupItems) {
        for (const run of it.runs) {
          const stop = run.to || axisEndDay;
          const role = group.key === 'parties' ? 'signataire ' : '';
          const label =
            `${it.name} : ${role}${period(run.from, stop, !run.to)}` +
            (run.first.approximate ? ` ; début approximatif (${dateLabel(run.first.sinceEdtf)})` : '');
          bar(`bar-${kind}${run.first.approximate ? ' approx-start' : ''}`, run.from, stop, y, label, { kind, id: it.id });
        }
        laneLabel(it.name, y, true);
        y += rowH;
      }
    }
    y += 6;
  }

  const height = y + 4;
  bg.setAttribute('height', String(height - top + 2));
  bg.setAttribute('y', String(top - 4));
  // Year ticks
  const years = (model.axisMax - model.axisMin) / 365.25;
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => (x1 - x0) / (years / s) >= 38) ?? 100;
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
  root.appendChild(cursor);
  root.appendChild(cursorLabel);
  root.setAttribute('height', String(height + 16));
  root.setAttribute('viewBox', `0 0 ${width} ${height + 16}`);
  container.appendChild(root);
  layout = { root, x, x0, x1, span, cursor, cursorLabel, elements, width };
  container.setAttribute('data-ready', 'true');
  container.setAttribute('data-known-at', view.knownAt ?? '');
  updateCursor();
  markTimeline();
}

export function updateCursor(): void {
  const model = store.model;
  if (!layout || !view.at || !model) return;
  const n = Math.min(Math.max(dayNum(view.at), model.axisMin), model.axisMax);
  const cx = layout.x(numDay(n)).toFixed(1);
  layout.cursor.setAttribute('x1', cx);
  layout.cursor.setAttribute('x2', cx);
  layout.cursorLabel.textContent = frDay(view.at);
  const anchorEnd = Number(cx) > layout.width - 90;
  layout.cursorLabel.setAttribute('x', cx);
  layout.cursorLabel.setAttribute('text-anchor', anchorEnd ? 'end' : Number(cx) < layout.x0 + 60 ? 'start' : 'middle');
}

/** Elements in force on the date shown get aria-current (announced, and styled by nothing but the cursor). */
export function markTimeline(): void {
  if (!layout || !view.at) return;
  for (const el of layout.elements) {
    const from = el.getAttribute('data-from');
    const to = el.getAttribute('data-to');
    if (from && to && from <= view.at && view.at <= to) el.setAttribute('aria-current', 'date');
    else el.removeAttribute('aria-current');
  }
}

/** The day a click on the timeline chooses: the date of the element clicked, or the day under the pointer on the background. */
export function dayOfClick(event: MouseEvent): string | null {
  const target = event.target as Element | null;
  if (!target || !target.closest) return null;
  const el = target.closest('.el');
  if (el && el.getAttribute('data-date')) return el.getAttribute('data-date');
  const model = store.model;
  if (target.classList.contains('plot-bg') && layout && model) {
    const rect = layout.root.getBoundingClientRect();
    const px = (event.clientX - rect.left) * (layout.width / rect.width);
    const n = Math.round(model.axisMin + ((px - layout.x0) / (layout.x1 - layout.x0)) * layout.span);
    return numDay(Math.min(Math.max(n, model.axisMin), model.axisMax));
  }
  return null;
}
