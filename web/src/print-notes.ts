/**
 * Sources as footnotes, for the printed « État au … » document: each fact shown gets a number (a
 * mark printed after its name) and the list of notes says how the sources support the item that
 * day (énoncé, déduit, présumé), its document, passage, confidence and note. On screen the marks and the list are not shown (the « Source » buttons are).
 */
import type { AuditEntry } from './api-types.js';
import { byId, clear, h } from './dom.js';
import { quoted } from './french-typography.js';
import { evidenceWords, type EvidenceOf } from './evidence.js';
import { CONFIDENCE } from './labels.js';
import { documentElement } from './sources.js';

type Source = AuditEntry['source'];
interface Note {
  source: Source;
  subject: string;
  /** How the sources support the item on the day printed. */
  evidence: EvidenceOf | null;
}

export class Footnotes {
  private readonly notes: Note[] = [];

  /** The printed mark of a new note about `subject`. */
  mark(source: Source | undefined, subject: string, evidence: EvidenceOf | null = null): HTMLElement | null {
    if (!source) return null;
    this.notes.push({ source, subject, evidence });
    return h('sup', { class: 'note-ref print-only', 'aria-hidden': 'true', text: `[${this.notes.length}]` });
  }

  /** Writes the notes in the list of the page (`#notes-liste`). */
  render(): void {
    const list = byId('notes-liste');
    clear(list);
    this.notes.forEach((note, i) =>
      list.appendChild(
        h('li', { id: `note-${i + 1}` }, [
          h('strong', { text: note.subject }),
          note.evidence?.evidence ? h('span', { class: 'note-evidence', text: ` (${evidenceWords(note.evidence)})` }) : null,
          ' — ',
          documentElement('span', note.source.document),
          ' : ',
          h('span', { class: 'note-passage', text: quoted(note.source.passage) }),
          ` (${CONFIDENCE[note.source.confidence] || note.source.confidence})`,
          note.source.note ? [' ', h('span', { class: 'note-reasoning', text: note.source.note })] : null,
        ]),
      ),
    );
  }
}
