import { SEED_DOCUMENT } from './cccs13.seed.js';

/**
 * The titles of the documents the sources cite, by the reference a source gives (`source.document`).
 * Kept with the seed: the documents it cites are held in the project; a document recorded later
 * without an entry here is answered by its reference alone.
 */
export const DOCUMENT_TITLES: Readonly<Record<string, string>> = {
  [SEED_DOCUMENT]: 'Historique de la Convention cadre des centres sociaux des Bouches-du-Rhône',
};

/** The title of a document, when the registry knows it. */
export function documentTitle(document: string): string | undefined {
  return Object.hasOwn(DOCUMENT_TITLES, document) ? DOCUMENT_TITLES[document] : undefined;
}
