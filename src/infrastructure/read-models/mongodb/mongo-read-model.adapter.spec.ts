import { readModelContract } from '../read-model.contract.js';
import { MongoReadModelStore } from './mongo-read-model.adapter.js';

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
