import { Module } from '@nestjs/common';
import { CreateFrameworkController } from './commands/create-framework/create-framework.http.controller.js';
import { CreateFrameworkHandler } from './commands/create-framework/create-framework.handler.js';
import { RebuildReadModelsHandler } from './commands/rebuild-read-models/rebuild-read-models.handler.js';
import { RecordEventController } from './commands/record-event/record-event.http.controller.js';
import { RecordEventsHandler } from './commands/record-event/record-events.handler.js';
import { DiffController } from './queries/diff/diff.http.controller.js';
import { DiffHandler } from './queries/diff/diff.handler.js';
import { DocumentsController } from './queries/documents/documents.http.controller.js';
import { DocumentsHandler } from './queries/documents/documents.handler.js';
import { HistoryController } from './queries/history/history.http.controller.js';
import { HistoryHandler } from './queries/history/history.handler.js';
import { ItemVersionsController } from './queries/item-versions/item-versions.http.controller.js';
import { ItemVersionsHandler } from './queries/item-versions/item-versions.handler.js';
import { ListFrameworksController } from './queries/list-frameworks/list-frameworks.http.controller.js';
import { ListFrameworksHandler } from './queries/list-frameworks/list-frameworks.handler.js';
import { StateAtDateController } from './queries/state-at-date/state-at-date.http.controller.js';
import { StateAtDateHandler } from './queries/state-at-date/state-at-date.handler.js';
import { TimelineController } from './queries/timeline/timeline.http.controller.js';
import { TimelineHandler } from './queries/timeline/timeline.handler.js';
import { VerifyIntegrityController } from './queries/verify-integrity/verify-integrity.http.controller.js';
import { VerifyIntegrityHandler } from './queries/verify-integrity/verify-integrity.handler.js';
import { FrameworkReader } from './read-path/framework-reader.js';
import { SeedLoader } from './seed/seed-loader.js';
import { EventRecorder } from './write-path/event-recorder.js';

/**
 * The frameworks feature: every use case as a slice (`commands/<use-case>/`, `queries/<use-case>/`),
 * each with its HTTP controller, its handler on the CQRS buses and, where it has one, its CLI command.
 */
@Module({
  controllers: [
    CreateFrameworkController,
    RecordEventController,
    ListFrameworksController,
    StateAtDateController,
    TimelineController,
    ItemVersionsController,
    HistoryController,
    DiffController,
    DocumentsController,
    VerifyIntegrityController,
  ],
  providers: [
    EventRecorder,
    FrameworkReader,
    SeedLoader,
    CreateFrameworkHandler,
    RecordEventsHandler,
    RebuildReadModelsHandler,
    ListFrameworksHandler,
    StateAtDateHandler,
    TimelineHandler,
    ItemVersionsHandler,
    HistoryHandler,
    DiffHandler,
    DocumentsHandler,
    VerifyIntegrityHandler,
  ],
  exports: [EventRecorder, FrameworkReader],
})
export class FrameworksModule {}
