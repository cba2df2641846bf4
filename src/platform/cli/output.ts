/** Writes to stdout, honouring back-pressure (an export can be large). */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = process.stdout.write(text, (error) => (error ? reject(error) : undefined));
    if (ok) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

export function writeJson(value: unknown): Promise<void> {
  return writeOut(`${JSON.stringify(value, null, 2)}\n`);
}

/** A note for the operator: stderr, so that stdout stays the answer. */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}
