// The compiled service (dist/, built by `npm run build`), loaded once for the whole bench.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');

const load = (path) => {
  const file = join(DIST, path);
  if (!existsSync(file)) throw new Error(`bench: ${file} is missing; run \`npm run build\` first (npm run bench does)`);
  return import(pathToFileURL(file).href);
};

export async function loadService() {
  const [
    sqliteStore,
    stream,
    decider,
    knownFacts,
    fold,
    rules,
    timeQueries,
    eventBody,
    stateAt,
    config,
    httpApp,
    projection,
    stateQuery,
    recordCommand,
    createCommand,
    cqrs,
    edtf,
    projection2,
    port,
  ] = await Promise.all([
    load('infrastructure/event-store/sqlite/sqlite-event-store.adapter.js'),
    load('infrastructure/event-store/framework-stream.js'),
    load('modules/frameworks/domain/decider/framework.decider.js'),
    load('modules/frameworks/domain/facts/known-facts.js'),
    load('modules/frameworks/domain/timeline/fold.js'),
    load('modules/frameworks/domain/timeline/rules.js'),
    load('modules/frameworks/domain/timeline/time-queries.js'),
    load('modules/frameworks/domain/events/event-body.js'),
    load('modules/frameworks/domain/state/state-at.js'),
    load('platform/config/app-config.js'),
    load('http-app.js'),
    load('infrastructure/projection/projection-runner.js'),
    load('modules/frameworks/queries/state-at-date/state-at-date.query.js'),
    load('modules/frameworks/commands/record-event/record-events.command.js'),
    load('modules/frameworks/commands/create-framework/create-framework.command.js'),
    import('@nestjs/cqrs'),
    load('modules/frameworks/domain/dates/edtf-date.js'),
    load('infrastructure/projection/framework.projection.js'),
    load('infrastructure/event-store/event-store.port.js'),
  ]);
  return {
    SqliteEventStore: sqliteStore.SqliteEventStore,
    /** The Nest token of the app's event store (the port). */
    EVENT_STORE: port.EVENT_STORE,
    streamIdOf: stream.streamIdOf,
    toNewEvent: stream.toNewEvent,
    toRecordedEvent: stream.toRecordedEvent,
    frameworkIdOf: stream.frameworkIdOf,
    domain: {
      decide: decider.decide,
      evolve: decider.evolve,
      initialHistory: decider.initialHistory,
      knownFacts: knownFacts.knownFacts,
      buildTimeline: fold.buildTimeline,
      buildCheckedTimeline: rules.buildCheckedTimeline,
      stateAt: stateAt.stateAt,
      parseEdtf: edtf.parseEdtf,
      projectEvent: projection2.projectEvent,
      /** Present in builds that keep each framework's projection in memory. */
      FrameworkProjection: projection2.FrameworkProjection,
      factDay: timeQueries.factDay,
      factOf: knownFacts.factOf,
    },
    loadConfig: config.loadConfig,
    createHttpApp: httpApp.createHttpApp,
    ProjectionRunner: projection.ProjectionRunner,
    StateAtDateQuery: stateQuery.StateAtDateQuery,
    /** Records one event as the HTTP controller does (validated body, then the command). */
    RecordEventCommand: class {
      constructor(frameworkId, body, actor) {
        return new recordCommand.RecordEventsCommand({ frameworkId, events: [{ event: eventBody.parseEventBody(body) }], actor, role: 'admin' });
      }
    },
    CreateFrameworkCommand: class {
      constructor(request, actor) {
        return new createCommand.CreateFrameworkCommand({ request, actor });
      }
    },
    QueryBus: cqrs.QueryBus,
    CommandBus: cqrs.CommandBus,
  };
}
