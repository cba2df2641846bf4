import { Query } from '@nestjs/cqrs';
import type { FrameworkSummary } from '../../../../infrastructure/read-models/read-model.port.js';
import type { Horizon } from '../../domain/state/horizon.js';

/** A framework as listed: its summary, with the horizon of its history as it stands now. */
export type FrameworkListing = Omit<FrameworkSummary, 'horizons' | 'format'> & { horizon: Horizon | null };

export class ListFrameworksQuery extends Query<FrameworkListing[]> {}
