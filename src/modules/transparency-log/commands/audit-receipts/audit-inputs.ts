import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import { createInterface } from 'node:readline';
import { InvalidInput } from '../../../../libs/app-errors.js';
import { parsePublicKey } from '../../domain/signed-tree-head.js';

/** The audit's inputs, read from files (`-`: standard input), one JSON value per line. */

export interface JsonLine {
  label: string;
  value?: unknown;
  /** The text of a line that is not JSON. */
  unparsable?: string;
}

/**
 * The non-blank lines of a JSON Lines file, parsed, streamed (an export of a million events is
 * never held whole). A line that is not JSON is given as `unparsable`: the audit reports it at
 * its place. `what` labels the lines (`export line 12`); `option` names the file's option in the
 * error when it cannot be read.
 */
export async function* jsonLines(file: string, what: string, option: string): AsyncGenerator<JsonLine> {
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  try {
    for await (const raw of lines) {
      number++;
      const text = (number === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
      if (text === '') continue;
      const label = `${what} line ${number}`;
      try {
        yield { label, value: JSON.parse(text) };
      } catch {
        yield { label, unparsable: text.length > 200 ? `${text.slice(0, 200)}…` : text };
      }
    }
  } catch (error) {
    throw unreadable(file, option, error);
  } finally {
    lines.close();
  }
}

/** The log's public key from a PEM file. */
export async function readPublicKey(file: string): Promise<KeyObject> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, '--key', error);
  }
  try {
    return parsePublicKey(pem);
  } catch (error) {
    throw new InvalidInput([{ field: '--key', problems: [`${file}: ${(error as Error).message}`] }]);
  }
}

function unreadable(file: string, option: string, error: unknown): InvalidInput {
  const code = (error as NodeJS.ErrnoException).code;
  return new InvalidInput([{ field: option, problems: [`cannot read ${file}${code ? ` (${code})` : ''}`] }]);
}
