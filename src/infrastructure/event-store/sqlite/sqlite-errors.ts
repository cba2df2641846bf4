import { EventIdConflict, WrongExpectedRevision } from '../event-store.port.js';
import { LogBehindTree } from './sqlite-tree-recording.js';

/**
 * The native addon creates its errors with the constructor of the first module instance that
 * loaded it; where modules are loaded more than once in a process (test runners), they are
 * not `instanceof Error` here. Port errors pass through; others become plain errors of this realm.
 */
export function ownError(error: unknown): Error {
  if (error instanceof WrongExpectedRevision || error instanceof EventIdConflict || error instanceof LogBehindTree) return error;
  const message = (error as { message?: unknown })?.message;
  return new Error(typeof message === 'string' ? message : String(error), { cause: error });
}
