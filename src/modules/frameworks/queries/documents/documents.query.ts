import { Query } from '@nestjs/cqrs';
import type { DocumentsAnswer } from './documents.answer.js';

export type { CitedDocument, DocumentsAnswer } from './documents.answer.js';

/** The documents a framework's sources cite (every recorded event, corrections and retractions included), with their titles. */
export class DocumentsQuery extends Query<DocumentsAnswer> {
  constructor(readonly frameworkId: string) {
    super();
  }
}
