/**
 * Downloads made in the page from what it shows: the state on the date as a CSV file (one line per
 * item, French headers, « ; » between fields as spreadsheets set to French expect), and the
 * timeline as an SVG file that looks as it does in the page (its styles written into it).
 */
import { errorText } from './app.js';
import type { ConventionView, ItemView, PartyView } from './api-types.js';
import { byId } from './dom.js';
import { EVIDENCE_LABEL } from './evidence.js';
import { KIND_LABEL, KIND_OF, KINDS } from './labels.js';
import { showMessage } from './messages.js';
import { documentTitleOf, nameOfConvention, store } from './store.js';
import { timelineLayout } from './timeline-draw.js';
import { view } from './view-state.js';

/** Saves a file made in the page (the state as CSV, the timeline as SVG, a receipt). */
export function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const HEADERS = ['Catégorie', 'Identifiant', 'Nom', 'Depuis', 'Date de la source', 'Approximatif', 'Fin', 'Signataires ou conventions', 'Document', 'Passage', 'Confiance', 'Note', 'Fait (identifiant)', 'Preuve', 'Attesté jusqu’au'];
const cell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The state shown, one line per item (the whole of what the page lists, with each source). */
export function stateCsv(): string {
  const state = store.state;
  if (!state) return '';
  const lines = [HEADERS];
  for (const key of KINDS) {
    for (const item of state[key] as ItemView[]) {
      const convention = key === 'conventions' ? (item as ConventionView) : null;
      const related = convention ? convention.parties.map((p) => p.name).join(', ') : key === 'parties' ? (item as PartyView).conventions.map(nameOfConvention).join(', ') : '';
      const title = documentTitleOf(item.source.document);
      lines.push([
        KIND_LABEL[KIND_OF[key]] ?? key,
        item.id,
        item.name,
        item.since,
        item.sinceEdtf,
        item.approximate ? 'oui' : 'non',
        convention?.end ?? '',
        related,
        title ? `${title} (${item.source.document})` : item.source.document,
        item.source.passage,
        item.source.confidence === 'stated' ? 'énoncé' : 'déduit',
        item.source.note ?? '',
        item.eventId,
        item.evidence ? EVIDENCE_LABEL[item.evidence] : '',
        item.attestedUntil ?? '',
      ]);
    }
  }
  // A byte-order mark, so that spreadsheets read the accents as UTF-8.
  return `\uFEFF${lines.map((line) => line.map(cell).join(';')).join('\r\n')}\r\n`;
}

const STYLED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-size', 'font-weight', 'font-family', 'visibility', 'opacity'];

/** The timeline as drawn, standing alone: its styles written on each element (as SVG presentation attributes), without focus rings. */
export function timelineSvg(): string {
  const layout = timelineLayout();
  if (!layout) return '';
  const copy = layout.root.cloneNode(true) as SVGSVGElement;
  const originals = [layout.root, ...layout.root.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  copies.forEach((el, i) => {
    const original = originals[i];
    const style = getComputedStyle(original);
    for (const p of STYLED) el.setAttribute(p, style.getPropertyValue(p));
    // On a phone the names follow the scroll of the box: in the file they stay at the left.
    if (original.classList.contains('names')) el.removeAttribute('transform');
    for (const attr of ['tabindex', 'role', 'aria-current', 'class']) el.removeAttribute(attr);
  });
  // The focus rings are hidden unless a target has the focus: they are no part of the picture.
  copy.querySelectorAll('[visibility="hidden"]').forEach((el) => el.remove());
  const fw = store.frameworks.find((f) => f.id === view.framework);
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = `Frise chronologique — ${fw?.name ?? view.framework ?? ''}${view.knownAt ? ` — connu au ${view.knownAt}` : ''}`;
  copy.insertBefore(title, copy.firstChild);
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  copy.insertBefore(background, title.nextSibling);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(layout.width));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

export function bindExports(): void {
  byId('export-csv').addEventListener('click', () => {
    try {
      download(`etat-${view.framework}-${view.at}${view.knownAt ? `-connu-au-${view.knownAt.replace(/[:.]/g, '-')}` : ''}.csv`, 'text/csv;charset=utf-8', stateCsv());
    } catch (error) {
      showMessage(errorText(error));
    }
  });
  byId('export-svg').addEventListener('click', () => {
    const svg = timelineSvg();
    if (svg) download(`frise-${view.framework}${view.knownAt ? `-connu-au-${view.knownAt.replace(/[:.]/g, '-')}` : ''}.svg`, 'image/svg+xml', svg);
  });
}
