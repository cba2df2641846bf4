/** The kinds of items a framework holds, and the list of the state answer that holds each kind. */

export const ITEM_KINDS = ['convention', 'party', 'mission', 'instrument', 'body', 'review', 'milestone', 'conflict'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** What a source conflict can be about: every item but a conflict. */
export const SUBJECT_KINDS = ['convention', 'party', 'mission', 'instrument', 'body', 'review', 'milestone'] as const satisfies readonly ItemKind[];
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const KEY_OF_KIND = {
  convention: 'conventions',
  party: 'parties',
  mission: 'missions',
  instrument: 'instruments',
  body: 'bodies',
  review: 'reviews',
  milestone: 'milestones',
  conflict: 'conflicts',
} as const satisfies Record<ItemKind, string>;

export type StateKey = (typeof KEY_OF_KIND)[ItemKind];
/** The lists of a state answer, in the order they are given. */
export const STATE_KINDS = ITEM_KINDS.map((kind) => KEY_OF_KIND[kind]) as StateKey[];
/** The item kind of each list of the state. */
export const KIND_OF_KEY = Object.fromEntries(ITEM_KINDS.map((kind) => [KEY_OF_KIND[kind], kind])) as Record<StateKey, ItemKind>;

/** A reference to one item. */
export interface ItemRef {
  kind: ItemKind;
  id: string;
}
