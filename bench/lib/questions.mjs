// The questions the read figures ask: (framework, day[, knownAt]) over a generated store.
import { Prng } from './prng.mjs';

const DAY_MS = 86_400_000;

/** Random state questions over a generated store: (framework, day[, knownAt]); 20 % with knownAt. */
export function questions(manifest, count, seed) {
  const rng = new Prng(`${seed}|questions|${manifest.events}`);
  const lastDay = Date.parse('2026-12-31T00:00:00Z');
  const from = Date.parse(manifest.recordedFrom);
  const to = Date.parse(manifest.recordedTo);
  const out = [];
  for (let i = 0; i < count; i++) {
    const fw = rng.pick(manifest.frameworks);
    const first = Date.parse(`${fw.d0}T00:00:00Z`);
    const day = new Date(first + Math.floor(rng.next() * ((lastDay - first) / DAY_MS)) * DAY_MS).toISOString().slice(0, 10);
    const knownAt = rng.chance(0.2) ? new Date(from + Math.floor(rng.next() * (to - from))).toISOString() : undefined;
    out.push({ id: fw.id, day, knownAt });
  }
  return out;
}
