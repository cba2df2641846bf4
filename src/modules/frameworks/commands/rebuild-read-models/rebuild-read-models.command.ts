import { Command } from '@nestjs/cqrs';
import type { RebuildProgress } from '../../../../infrastructure/projection/log-replay.js';

/** Drop the read models and project the whole log again; `onProgress` hears how far it got. */
export class RebuildReadModelsCommand extends Command<{ events: number }> {
  constructor(readonly props: { onProgress?: (progress: RebuildProgress) => void } = {}) {
    super();
  }
}
