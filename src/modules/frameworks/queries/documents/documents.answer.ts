/** One document the framework's sources cite: its reference (as `source.document` gives it) and its title when known. */
export interface CitedDocument {
  document: string;
  title?: string;
  /** How many recorded events cite it. */
  citations: number;
}

/** The answer of `GET /api/frameworks/{id}/documents` (plain types: the web client imports them too). */
export interface DocumentsAnswer {
  frameworkId: string;
  /** The framework's revision the answer was made on. */
  revision: number;
  /** In the order they were first cited. */
  documents: CitedDocument[];
}
