import type { Horizon } from '../../domain/state/horizon.js';
import type { StateView } from '../../domain/state/state-at.js';

/** The answer of `GET /api/frameworks/{id}/state` (plain types: the web client imports them too). */
export interface StateAnswer extends StateView {
  frameworkId: string;
  name: string;
  at: string;
  knownAt: string | null;
  /** The framework's current revision (for If-Match). */
  revision: number;
  /** The first and last days the recorded history speaks of (null: no fact recorded as of knownAt). */
  horizon: Horizon | null;
  /** `at` lies outside the horizon: the answer is what the record implies, nothing attests it. */
  outsideHorizon: boolean;
  /** Outside the horizon: what to tell the reader, in French (« L’historique enregistré s’arrête au 31 décembre 2017 : au-delà, rien n’est attesté. »). */
  horizonNotice?: string;
}
