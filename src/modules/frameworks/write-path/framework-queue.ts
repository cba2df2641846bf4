/** Runs the work of one framework one piece at a time (its kept decision state is folded in place). */
export class FrameworkQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier call for the same framework has settled. */
  run<T>(frameworkId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(frameworkId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    const tail = run.catch(() => undefined);
    this.tails.set(frameworkId, tail);
    void tail.then(() => {
      if (this.tails.get(frameworkId) === tail) this.tails.delete(frameworkId);
    });
    return run;
  }
}
