/**
 * How the sources support each item on the day shown, as the service says it (`evidence`,
 * `attestedUntil`): a badge « énoncé », « déduit » or « présumé » on every item, with « attesté
 * jusqu’au … » when the support ends, and a short explanation behind it — a disclosure any
 * keyboard or screen reader opens (never a tooltip only a pointer reaches). The page draws what
 * the service answered; it decides nothing about the evidence itself.
 */
import type { Evidence } from './api-types.js';
import { frDay } from './dates.js';
import { h } from './dom.js';

export const EVIDENCE_LABEL: Record<Evidence, string> = { stated: 'énoncé', inferred: 'déduit', presumed: 'présumé' };

/** A mark that says the level without colour: full, half, empty. */
const EVIDENCE_MARK: Record<Evidence, string> = { stated: '●', inferred: '◐', presumed: '○' };

const EXPLANATION: Record<Evidence, string> = {
  stated: 'Énoncé : une source dit que cet élément est en vigueur ce jour-là.',
  inferred:
    'Déduit : aucune source ne le dit en toutes lettres pour ce jour-là, mais il découle des sources par un raisonnement que le registre garde (voir la note de la source).',
  presumed:
    'Présumé : aucune source n’atteste cet élément ce jour-là. Rien ne l’a fait cesser : le registre le prolonge seulement, sans preuve.',
};

export interface EvidenceOf {
  evidence?: Evidence;
  attestedUntil?: string;
  /** A party carried over from an earlier convention (the source names no signatory). */
  carriedOverFrom?: string;
}

/** « attesté jusqu’au 31 décembre 2014 » (null when the source leaves it open-ended). */
export function attestedPhrase(item: EvidenceOf): string | null {
  return item.attestedUntil ? `attesté jusqu’au ${frDay(item.attestedUntil)}` : null;
}

/** The words the printed notes use: « présumé, attesté jusqu’au 31 décembre 2014 ». */
export function evidenceWords(item: EvidenceOf): string {
  if (!item.evidence) return '';
  const until = attestedPhrase(item);
  return `${EVIDENCE_LABEL[item.evidence]}${until ? `, ${until}` : ''}`;
}

/** The explanation of a level, for this item. */
export function explanation(item: EvidenceOf, conventionName: (id: string) => string): string {
  const evidence = item.evidence ?? 'stated';
  const parts = [EXPLANATION[evidence]];
  if (item.carriedOverFrom) parts.push(`La source ne nomme pas les signataires de cette convention : ils sont reportés de la ${conventionName(item.carriedOverFrom)}.`);
  if (item.attestedUntil) {
    parts.push(
      evidence === 'presumed'
        ? `Les sources l’attestent jusqu’au ${frDay(item.attestedUntil)}, pas au-delà.`
        : `Les sources l’attestent jusqu’au ${frDay(item.attestedUntil)} ; au-delà, il ne serait que présumé.`,
    );
  }
  return parts.join(' ');
}

/**
 * The badge of an item: its level and the last day attested, opening on the explanation.
 * `subject` names the item for screen readers (many badges on one page).
 */
export function evidenceBadge(item: EvidenceOf, subject: string, conventionName: (id: string) => string): HTMLElement | null {
  if (!item.evidence) return null;
  const until = attestedPhrase(item);
  return h('details', { class: `evidence evidence-${item.evidence}`, 'data-evidence': item.evidence }, [
    h('summary', null, [
      h('span', { class: 'evidence-mark', 'aria-hidden': 'true', text: `${EVIDENCE_MARK[item.evidence]} ` }),
      h('span', { class: 'evidence-label', text: EVIDENCE_LABEL[item.evidence] }),
      until ? h('span', { class: 'evidence-until', text: ` · ${until}` }) : null,
      h('span', { class: 'sr-only', text: ` : ${subject}, pourquoi ?` }),
    ]),
    h('p', { class: 'evidence-help', text: explanation(item, conventionName) }),
  ]);
}

/** A small inline label of a level (a term change, the term at signing): its mark and its word. */
export function evidenceTag(evidence: Evidence | undefined): HTMLElement | null {
  if (!evidence) return null;
  return h('span', { class: `evidence-tag evidence-${evidence}`, 'data-evidence': evidence }, [
    h('span', { 'aria-hidden': 'true', text: `${EVIDENCE_MARK[evidence]} ` }),
    EVIDENCE_LABEL[evidence],
  ]);
}
