import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnswerCache } from '../../read-path/answer-cache.js';
import { FrameworkReader } from '../../read-path/framework-reader.js';
import { documentTitle } from '../../seed/documents.js';
import { citedDocuments } from './cited-documents.js';
import { DocumentsQuery, type DocumentsAnswer } from './documents.query.js';

@QueryHandler(DocumentsQuery)
export class DocumentsHandler implements IQueryHandler<DocumentsQuery> {
  /** By (framework, revision): the events are read once per revision. */
  private readonly answers = new AnswerCache<DocumentsAnswer>(64);

  constructor(private readonly reader: FrameworkReader) {}

  async execute({ frameworkId }: DocumentsQuery): Promise<DocumentsAnswer> {
    const framework = await this.reader.framework(frameworkId);
    return this.answers.get(`${frameworkId}|${framework.revision}`, async () => {
      const events = await this.reader.readModels.frameworkEvents(frameworkId);
      return { frameworkId, revision: framework.revision, documents: citedDocuments(events.map((e) => e.source), documentTitle) };
    });
  }
}
