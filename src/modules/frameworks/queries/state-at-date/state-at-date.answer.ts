import type { StateView } from '../../domain/state/state-at.js';

/** The answer of `GET /api/frameworks/{id}/state` (plain types: the web client imports them too). */
export interface StateAnswer extends StateView {
  frameworkId: string;
  name: string;
  at: string;
  knownAt: string | null;
  /** The framework's current revision (for If-Match). */
  revision: number;
}
