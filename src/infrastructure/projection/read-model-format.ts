import { READ_MODEL_FORMAT, type ReadModelStore } from '../read-models/read-model.port.js';

/**
 * Read models written in another format than this version writes (READ_MODEL_FORMAT): segments
 * without `evidence`, summaries without the horizon. Projecting new events would only rewrite the
 * items they touch, so such read models are rebuilt from the log as a whole.
 */
export async function readModelsOutdated(store: ReadModelStore): Promise<boolean> {
  if ((await store.checkpoint()) === null) return false;
  return (await store.listFrameworks()).some((framework) => framework.format !== READ_MODEL_FORMAT);
}
