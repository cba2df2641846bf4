import { readFile } from 'node:fs/promises';
import { InvalidInput } from '../../libs/app-errors.js';

/** Reads a file given on the command line (`-`: standard input). */
export async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInput([{ field: 'file', problems: [`cannot read ${file}${code ? ` (${code})` : ''}`] }]);
  }
}

export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidInput([{ field: 'file', problems: [`${file} is not valid JSON: ${(error as Error).message}`] }]);
  }
}
