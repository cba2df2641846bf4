import type { ExportLine } from '../../../frameworks/queries/export-log/export-format.js';
import { eventLeafHash, storedEventOfExportLine } from '../leaf-data.js';
import { hashLeaf, type Hash } from '../merkle.js';
import { MerkleTree } from '../merkle-tree.js';
import { InMemoryTreeNodeStore } from '../tree-node-store.js';
import type { AuditProblem } from './audit-report.js';

/** One line of the export as read: its label (`export line 12`) and its JSON value, or its text when it is not JSON. */
export interface ExportEntry {
  label: string;
  value?: unknown;
  unparsable?: string;
}

const BATCH = 1024;

/**
 * The export as the leaves of a Merkle tree: line i is leaf i (an export lists the log in global
 * order). Lines are added one at a time and only their leaf hash and position are kept, so an
 * export of a million events is read as a stream. A line that cannot be rebuilt into a stored
 * record (not JSON, not a lossless export line) still takes its place, with a hash no event can
 * have, so the leaves after it keep their indices and it shows as a difference wherever a
 * receipt or a head covers it.
 */
export class ExportLeaves {
  readonly tree = new MerkleTree(new InMemoryTreeNodeStore());
  /** The position each line states (null when it states none). */
  readonly positions: (number | null)[] = [];
  readonly problems: AuditProblem[] = [];
  private pending: Hash[] = [];
  private previous: number | null = null;

  add(entry: ExportEntry): void {
    const index = this.positions.length;
    const value = entry.value as Partial<ExportLine> | undefined;
    const position = typeof value?.position === 'number' && Number.isSafeInteger(value.position) ? value.position : null;
    this.positions.push(position);
    const leaf = leafOf(entry);
    if (typeof leaf === 'string') {
      this.problems.push({ kind: 'unreadable-export-line', label: entry.label, leafIndex: index, position, message: `${entry.label}: ${leaf}` });
      this.pending.push(hashLeaf(Buffer.from(`unreadable export line: ${entry.unparsable ?? JSON.stringify(entry.value)}`)));
    } else {
      this.pending.push(leaf);
    }
    if (position !== null && this.previous !== null && position <= this.previous) {
      this.problems.push({
        kind: 'export-out-of-order',
        label: entry.label,
        leafIndex: index,
        position,
        message: `${entry.label}: position ${position} is not after the previous line's (${this.previous}): the export is out of order`,
      });
    }
    if (position !== null) this.previous = position;
    if (this.pending.length >= BATCH) this.flush();
  }

  /** The number of lines (leaves). */
  get length(): number {
    return this.positions.length;
  }

  /** Adds the lines not yet in the tree; call before reading the tree. */
  flush(): void {
    const start = this.tree.size;
    // The tree's own positions are the line numbers: the export's may be out of order (a finding, not a reason to stop).
    this.tree.append(this.pending.map((leafHash, i) => ({ position: start + i + 1, leafHash })));
    this.pending = [];
  }

  static of(entries: Iterable<ExportEntry>): ExportLeaves {
    const leaves = new ExportLeaves();
    for (const entry of entries) leaves.add(entry);
    leaves.flush();
    return leaves;
  }
}

/** The leaf hash of a line, or why there is none. */
function leafOf(entry: ExportEntry): Hash | string {
  if (entry.unparsable !== undefined) return 'not JSON';
  const value = entry.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not an export line (a JSON object is expected)';
  const line = value as ExportLine;
  if (typeof line.eventId !== 'string' || typeof line.frameworkId !== 'string') return 'not an export line (no eventId or frameworkId)';
  try {
    return eventLeafHash(storedEventOfExportLine(line));
  } catch (error) {
    return (error as Error).message;
  }
}
