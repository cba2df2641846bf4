import type { Source } from '../../domain/events/framework.events.js';
import type { CitedDocument } from './documents.answer.js';

/** The documents cited by these sources, in the order first cited, each with its title when `titleOf` knows it. */
export function citedDocuments(sources: Iterable<Source>, titleOf: (document: string) => string | undefined): CitedDocument[] {
  const cited = new Map<string, CitedDocument>();
  for (const { document } of sources) {
    const entry = cited.get(document);
    if (entry) {
      entry.citations += 1;
      continue;
    }
    const title = titleOf(document);
    cited.set(document, title === undefined ? { document, citations: 1 } : { document, title, citations: 1 });
  }
  return [...cited.values()];
}
