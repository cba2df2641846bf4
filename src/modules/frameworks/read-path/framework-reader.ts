import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_STORE, type FrameworkSummary, type ReadModelStore } from '../../../infrastructure/read-models/read-model.port.js';
import { FrameworkNotFound } from '../../../libs/app-errors.js';
import { horizonAt, type Horizon } from '../domain/state/horizon.js';

/** Read-side access shared by the query handlers. */
@Injectable()
export class FrameworkReader {
  constructor(@Inject(READ_MODEL_STORE) readonly readModels: ReadModelStore) {}

  async framework(frameworkId: string): Promise<FrameworkSummary> {
    const framework = await this.readModels.getFramework(frameworkId);
    if (!framework) throw new FrameworkNotFound(frameworkId);
    return framework;
  }

  /** The framework's horizon as the record stood at `knownAt` (now: the summary's latest entry). */
  async horizon(framework: FrameworkSummary, knownAt?: string): Promise<Horizon | null> {
    return knownAt === undefined ? horizonAt(framework.horizons) : this.readModels.horizonAt(framework.id, knownAt);
  }
}
