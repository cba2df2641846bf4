import { documentTitle, DOCUMENT_TITLES } from '../../seed/documents.js';
import { SEED_DOCUMENT } from '../../seed/cccs13.seed.js';
import { citedDocuments } from './cited-documents.js';

const source = (document: string) => ({ document, passage: 'un passage', confidence: 'stated' as const });

describe('the documents the sources cite', () => {
  it('lists each document once, in the order first cited, with how many facts cite it', () => {
    const sources = [source('b.pdf'), source('a.pdf'), source('b.pdf'), source('c.pdf'), source('b.pdf')];
    expect(citedDocuments(sources, () => undefined)).toEqual([
      { document: 'b.pdf', citations: 3 },
      { document: 'a.pdf', citations: 1 },
      { document: 'c.pdf', citations: 1 },
    ]);
  });

  it('gives the title the registry knows, and none for a document it does not know', () => {
    const titles: Record<string, string> = { 'a.pdf': 'Délibération A' };
    expect(citedDocuments([source('a.pdf'), source('z.pdf')], (d) => titles[d])).toEqual([
      { document: 'a.pdf', title: 'Délibération A', citations: 1 },
      { document: 'z.pdf', citations: 1 },
    ]);
  });

  it('knows the title of the CCCS13 document, and nothing else by accident', () => {
    expect(documentTitle(SEED_DOCUMENT)).toBe('Historique de la Convention cadre des centres sociaux des Bouches-du-Rhône');
    expect(documentTitle('toString')).toBeUndefined();
    expect(documentTitle('seeds/other.txt')).toBeUndefined();
    expect(Object.keys(DOCUMENT_TITLES)).toEqual([SEED_DOCUMENT]);
  });
});
