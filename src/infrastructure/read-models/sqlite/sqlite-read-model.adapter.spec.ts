import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelContract } from '../read-model.contract.js';
import { SqliteReadModelStore } from './sqlite-read-model.adapter.js';

const dir = mkdtempSync(join(tmpdir(), 'read-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

readModelContract('sqlite', async () => SqliteReadModelStore.open(join(dir, 'read-models.db')));
