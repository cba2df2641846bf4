import type { Evidence } from '../domain/state/evidence.js';

/** How the readable renderings of the queries show evidence (`--json` prints the answers themselves). */

export const EVIDENCE_NOTE =
  'evidence: stated (a source states it for a period containing the day), inferred (follows from the sources by a recorded inference), ' +
  'presumed (after the last day any source supports it)';

/** « presumed » stands out: nothing in the sources attests the item on that day. */
export const evidenceText = (item: { evidence: Evidence | string }) => (item.evidence === 'presumed' ? 'PRESUMED' : item.evidence);

export const attestedText = (item: { attestedUntil?: string }) => item.attestedUntil ?? 'open-ended';

/** Counts by evidence: `14 inferred`, `12 stated, 2 inferred`. */
export function evidenceCounts(items: readonly { evidence: string }[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.evidence, (counts.get(item.evidence) ?? 0) + 1);
  return ['stated', 'inferred', 'presumed']
    .filter((level) => counts.has(level))
    .map((level) => `${counts.get(level)} ${level}`)
    .join(', ');
}

/** The horizon line of a rendering, and the notice when the day lies outside it. */
export function horizonLines(answer: { horizon: { from: string; to: string } | null; horizonNotice?: string }): string[] {
  const line = answer.horizon ? `recorded history: ${answer.horizon.from} → ${answer.horizon.to}` : 'recorded history: none';
  return answer.horizonNotice ? [line, `!! ${answer.horizonNotice}`] : [line];
}
