/**
 * The whole history of the CCCS13 seed document (`seeds/000_e10eef5306c53b3b.txt`, in French),
 * as governance events in an order that is valid when applied one after the other.
 *
 * The seed has two accounts of the same history: a timeline ("Historique", newest first, with
 * year headings) and a narrative by period ("Période 2011 - 2014", "Période 2003 - 2010",
 * "Des années 80 à 2000"). Where they disagree, both accounts are kept in a
 * `SourceConflictNoted` event and the recorded facts say which one they follow.
 *
 * Every `passage` is copied character for character from the seed (typographic apostrophes,
 * dashes); the spec next to this file checks it. Passages never cross the no-break spaces the
 * seed puts before colons. Notes, accounts and resolutions are in French, as the readers are.
 *
 * This is the second version of the seed. A store loaded with the first one is brought to this
 * one on start by corrections the seed records (`cccs13.seed-upgrade.ts`), never rewritten.
 */
import { CCCS13_2003_2010 } from './cccs13-2003-2010.seed.js';
import { CCCS13_2011_2017 } from './cccs13-2011-2017.seed.js';
import type { SeedEvent } from './cccs13-sources.seed.js';
import { CCCS13_TO_2002, FASILD_CONFLICT } from './cccs13-to-2002.seed.js';

export { CCCS13_ID, CCCS13_PARTIES, SEED_DOCUMENT, type SeedEvent } from './cccs13-sources.seed.js';

/** In effective order, but for the FASILD conflict: a conflict is recorded once everything it is about is. */
export const CCCS13_SEED: SeedEvent[] = [...CCCS13_TO_2002, ...CCCS13_2003_2010, ...CCCS13_2011_2017, FASILD_CONFLICT];
