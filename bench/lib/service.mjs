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
    timeline,
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
  ] = await Promise.all([
    load('event-store/sqlite/sqlite-event-store.adapter.js'),
    load('event-store/framework-stream.js'),
    load('domain/framework.decider.js'),
    load('domain/known-facts.js'),
    load('domain/framework.timeline.js'),
    load('domain/state-at.js'),
    load('config/app-config.js'),
    load('http-app.js'),
    load('projection/projection-runner.js'),
    load('state-at-date/state-at-date.query.js'),
    load('record-event/record-event.command.js'),
    load('create-framework/create-framework.command.js'),
    import('@nestjs/cqrs'),
    load('domain/edtf-date.js'),
    load('read-models/framework.projection.js'),
  ]);
  return {
    SqliteEventStore: sqliteStore.SqliteEventStore,
    streamIdOf: stream.streamIdOf,
    toNewEvent: stream.toNewEvent,
    toRecordedEvent: stream.toRecordedEvent,
    frameworkIdOf: stream.frameworkIdOf,
    domain: {
      decide: decider.decide,
      evolve: decider.evolve,
      initialHistory: decider.initialHistory,
      knownFacts: knownFacts.knownFacts,
      buildTimeline: timeline.buildTimeline,
      buildCheckedTimeline: timeline.buildCheckedTimeline,
      stateAt: stateAt.stateAt,
      parseEdtf: edtf.parseEdtf,
      projectEvent: projection2.projectEvent,
      /** Present in builds that keep each framework's projection in memory. */
      FrameworkProjection: projection2.FrameworkProjection,
      factDay: timeline.factDay,
      factOf: knownFacts.factOf,
    },
    loadConfig: config.loadConfig,
    createHttpApp: httpApp.createHttpApp,
    ProjectionRunner: projection.ProjectionRunner,
    StateAtDateQuery: stateQuery.StateAtDateQuery,
    RecordEventCommand: recordCommand.RecordEventCommand,
    CreateFrameworkCommand: createCommand.CreateFrameworkCommand,
    QueryBus: cqrs.QueryBus,
    CommandBus: cqrs.CommandBus,
  };
}
