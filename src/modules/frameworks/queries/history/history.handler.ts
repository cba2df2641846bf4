import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { describeEvent, summaryContext } from '../../domain/facts/summary-context.js';
import { FrameworkReader } from '../../read-path/framework-reader.js';
import { HistoryQuery, type AuditEntry, type HistoryAnswer } from './history.query.js';

@QueryHandler(HistoryQuery)
export class HistoryHandler implements IQueryHandler<HistoryQuery> {
  constructor(private readonly reader: FrameworkReader) {}

  async execute({ frameworkId, filter }: HistoryQuery): Promise<HistoryAnswer> {
    await this.reader.framework(frameworkId);
    const events = await this.reader.readModels.frameworkEvents(frameworkId);
    const context = summaryContext(events);
    const correctedBy = new Map<string, string[]>();
    const retractedBy = new Map<string, string>();
    for (const e of events) {
      if (e.type === 'FactCorrected') correctedBy.set(e.data.eventId, [...(correctedBy.get(e.data.eventId) ?? []), e.eventId]);
      if (e.type === 'FactRetracted') retractedBy.set(e.data.eventId, e.eventId);
    }
    const entries = events
      .filter(
        (e) =>
          (filter.actor === undefined || e.recordedBy === filter.actor) &&
          (filter.type === undefined || e.type === filter.type) &&
          (filter.since === undefined || e.recordedAt >= filter.since) &&
          (filter.until === undefined || e.recordedAt <= filter.until),
      )
      .map<AuditEntry>((e) => ({
        position: e.position,
        revision: e.revision,
        eventId: e.eventId,
        type: e.type,
        ...describeEvent(e, context),
        effectiveDate: e.effectiveDate,
        data: e.data as unknown as Record<string, unknown>,
        source: e.source,
        recordedAt: e.recordedAt,
        recordedBy: e.recordedBy,
        ...(e.type === 'FactCorrected' ? { corrects: e.data.eventId } : {}),
        ...(e.type === 'FactRetracted' ? { retracts: e.data.eventId } : {}),
        correctedBy: correctedBy.get(e.eventId) ?? [],
        ...(retractedBy.has(e.eventId) ? { retractedBy: retractedBy.get(e.eventId) } : {}),
      }));
    return { frameworkId, events: entries };
  }
}
