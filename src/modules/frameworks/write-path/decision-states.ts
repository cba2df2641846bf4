import type { EventStore, StoredEvent } from '../../../infrastructure/event-store/event-store.port.js';
import { streamIdOf, toRecordedEvent } from '../../../infrastructure/event-store/framework-stream.js';
import { decisionState, evolveState, type DecisionState } from '../domain/decider/decision-state.js';
import { evolve, initialHistory } from '../domain/decider/framework.decider.js';

/** Frameworks whose decision state stays in memory between commands (least recently used go first). */
const CAPACITY = 256;

/**
 * The decision state of each framework — its history and folded timeline — kept in memory and
 * brought up to date with the stream's new events before each use (another writer may have
 * appended). Call only inside the framework's queue.
 */
export class DecisionStates {
  private readonly states = new Map<string, DecisionState>();

  constructor(private readonly events: EventStore) {}

  async current(frameworkId: string): Promise<DecisionState> {
    const kept = this.states.get(frameworkId);
    let state: DecisionState;
    if (kept) {
      state = kept;
      const fresh = await this.events.readStream(streamIdOf(frameworkId), kept.history.revision + 1);
      for (const stored of fresh) state = evolveState(state, toRecordedEvent(stored));
    } else {
      const stored = await this.events.readStream(streamIdOf(frameworkId));
      state = decisionState(stored.map(toRecordedEvent).reduce(evolve, initialHistory(frameworkId)));
    }
    this.keep(frameworkId, state);
    return state;
  }

  /** Folds events this process appended into the kept state, if the state is the one they were decided on. */
  remember(frameworkId: string, decidedOn: DecisionState, appended: StoredEvent[]): void {
    if (this.states.get(frameworkId) !== decidedOn || decidedOn.history.revision !== appended[0].revision - 1) return;
    let state = decidedOn;
    for (const stored of appended) state = evolveState(state, toRecordedEvent(stored));
    this.keep(frameworkId, state);
  }

  /** Forgets a framework's state (it was folded with events that were not appended). */
  forget(frameworkId: string): void {
    this.states.delete(frameworkId);
  }

  private keep(frameworkId: string, state: DecisionState): void {
    this.states.delete(frameworkId);
    if (state.history.revision >= 0) this.states.set(frameworkId, state);
    if (this.states.size > CAPACITY) this.states.delete(this.states.keys().next().value as string);
  }
}
