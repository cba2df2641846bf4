// Emmett's SQLite event store (@event-driven-io/emmett-sqlite 0.38.5, sqlite3 driver), as a peer:
// appends the bench's events one per append and in batches, then reads them back.
// Lives in bench/peers/ so that its dependencies resolve from bench/peers/node_modules.
import {
  getSQLiteEventStore,
  readMessagesBatch,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';

/** The pragmas Emmett's connections run with (it sets journal_mode=WAL; the rest are the build's defaults). */
export async function emmettDurability(fileName) {
  const connection = sqliteConnection({ fileName });
  try {
    const journal = await connection.querySingle('PRAGMA journal_mode');
    const synchronous = await connection.querySingle('PRAGMA synchronous');
    const version = await connection.querySingle('SELECT sqlite_version() AS v');
    const names = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
    return {
      journalMode: journal?.journal_mode,
      synchronous: names[synchronous?.synchronous] ?? String(synchronous?.synchronous),
      sqliteVersion: version?.v,
    };
  } finally {
    connection.close();
  }
}

/**
 * Appends `appends` (each `{ stream, events: [{ type, data, metadata }] }`) in order, awaiting each,
 * through Emmett's `appendToStream`; then reads every stream back with `readStream`, and the whole
 * log with `readMessagesBatch` (1000 per batch). Returns seconds for each phase.
 */
export async function emmettAppendAndRead(fileName, appends) {
  const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } });
  // Create the schema outside the timed part (Emmett creates it on first use).
  await store.readStream('bench-warmup');
  let events = 0;
  let retries = 0;
  const t0 = performance.now();
  for (const { stream, events: batch } of appends) {
    // Emmett 0.38.5 on the sqlite3 driver sometimes fails a commit with SQLITE_BUSY ("cannot commit
    // transaction - SQL statements in progress") on a busy machine; nothing is committed then, and
    // the append is tried again (counted, and the time it took stays in the figure).
    for (let attempt = 1; ; attempt++) {
      try {
        await store.appendToStream(stream, batch);
        break;
      } catch (error) {
        if (error?.code !== 'SQLITE_BUSY' || attempt >= 5) throw error;
        retries++;
      }
    }
    events += batch.length;
  }
  const appendSeconds = (performance.now() - t0) / 1000;

  const streams = [...new Set(appends.map((a) => a.stream))];
  const t1 = performance.now();
  let readBack = 0;
  for (const stream of streams) {
    const result = await store.readStream(stream);
    readBack += result.events.length;
  }
  const readStreamsSeconds = (performance.now() - t1) / 1000;

  const connection = sqliteConnection({ fileName });
  const t2 = performance.now();
  let globalRead = 0;
  try {
    let after = 0n;
    for (;;) {
      const batch = await readMessagesBatch(connection, { after, batchSize: 1000 });
      globalRead += batch.messages.length;
      if (batch.messages.length === 0 || !batch.areEventsLeft) break;
      after = batch.currentGlobalPosition;
    }
  } finally {
    connection.close();
  }
  const readAllSeconds = (performance.now() - t2) / 1000;
  if (readBack !== events || globalRead !== events) {
    throw new Error(`emmett read back ${readBack} events by stream and ${globalRead} from the log, appended ${events}`);
  }
  return { events, appends: appends.length, appendSeconds, readStreamsSeconds, readAllSeconds, retries };
}

/**
 * A store to replay streams from: appends `appends` (untimed, as above) and returns
 * `events(stream)`, which reads one stream back through Emmett's `aggregateStream` (its live
 * aggregation of one stream), the evolve collecting the events for the caller's own fold.
 */
export async function emmettReplayStore(fileName, appends) {
  const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } });
  await store.readStream('bench-warmup');
  for (const { stream, events } of appends) {
    for (let attempt = 1; ; attempt++) {
      try {
        await store.appendToStream(stream, events);
        break;
      } catch (error) {
        if (error?.code !== 'SQLITE_BUSY' || attempt >= 5) throw error;
      }
    }
  }
  return {
    async events(stream) {
      const { state } = await store.aggregateStream(stream, {
        initialState: () => [],
        evolve: (events, event) => {
          events.push(event);
          return events;
        },
      });
      return state;
    },
  };
}
