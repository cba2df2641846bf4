import mongoose from 'mongoose';
import { readModelContract } from '../read-model.contract.js';
import { connectionOptions, ensureIndexes, MongoReadModelStore } from './mongo-read-model.adapter.js';
import { readModelModels } from './read-model.schemas.js';

/**
 * The shared read-model contract against a MongoDB server, which the build machines cannot have:
 * it runs wherever MONGODB_URI is set (docker compose runs MongoDB as the single-node replica set
 * `rs0`, which the adapter's transactions need), and says why it did not run otherwise.
 */
const uri = process.env.MONGODB_URI;

if (uri) {
  readModelContract('mongodb', () => MongoReadModelStore.connect(uri), { propertyRuns: 20 });
} else {
  describe('read-model store contract: mongodb', () => {
    it('is skipped: MONGODB_URI is not set (start MongoDB with docker compose up mongodb and set MONGODB_URI=mongodb://localhost:27017/governance?replicaSet=rs0)', () => {
      console.warn(
        'read-model store contract: mongodb did not run: MONGODB_URI is not set. ' +
          'Start MongoDB with `docker compose up mongodb` and set MONGODB_URI=mongodb://localhost:27017/governance?replicaSet=rs0',
      );
      expect(process.env.MONGODB_URI ?? '').toBe('');
    });
  });
}

describe('read-model store: mongodb connection settings (no server needed)', () => {
  it('reads from the primary whatever the URI asks (read-your-writes through minPosition)', () => {
    const uri = 'mongodb://m1:27017,m2:27017/governance?replicaSet=rs0&readPreference=secondaryPreferred';
    const { autoIndex: _a, sanitizeFilter: _s, ...driverOptions } = connectionOptions();
    expect(new mongoose.mongo.MongoClient(uri).readPreference.mode).toBe('secondaryPreferred');
    expect(new mongoose.mongo.MongoClient(uri, driverOptions as mongoose.mongo.MongoClientOptions).readPreference.mode).toBe('primary');
  });

  it('creates the missing indexes at start and drops none (instances of the previous version may still use them)', async () => {
    const connection = mongoose.createConnection();
    connection.set('autoCreate', false);
    const models = readModelModels(connection);
    const calls: string[] = [];
    for (const model of Object.values(models)) {
      const patched = model as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      patched.createIndexes = async () => void calls.push(`create ${model.modelName}`);
      for (const dropping of ['syncIndexes', 'cleanIndexes', 'dropIndexes']) {
        patched[dropping] = async () => void calls.push(`${dropping} ${model.modelName}`);
      }
    }
    await ensureIndexes(models);
    expect(calls).toEqual(Object.values(models).map((m) => `create ${m.modelName}`));
    await connection.close();
  });
});
