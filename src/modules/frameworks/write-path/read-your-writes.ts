import type { ProjectionRunner } from '../../../infrastructure/projection/projection-runner.js';

/** How long a write waits for the read models to include it before answering anyway. */
export const READ_YOUR_WRITES_MS = 5000;

/**
 * Read-your-writes: a write answers once the read models include its position, so that the
 * writer's next read sees it (true), or after READ_YOUR_WRITES_MS when they lag (false: the write
 * itself is durable; a read with `minPosition` waits for it).
 */
export function readYourWrites(projection: ProjectionRunner, position: number, timeoutMs = READ_YOUR_WRITES_MS): Promise<boolean> {
  return projection.waitFor(position, timeoutMs);
}
