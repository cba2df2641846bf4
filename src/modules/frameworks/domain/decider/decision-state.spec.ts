describe('decideWith (the kept timeline)', () => {
  it('answers exactly what decide answers, for random histories and candidates (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { arbitraryHistory, arbitraryEvent } = await import('../testing/arbitrary-history.js');
    const { decide, initialHistory } = await import('./framework.decider.js');
    const { decideWith, decisionState, evolveState } = await import('./decision-state.js');
    const { record } = await import('../testing/given-when-then.js');
    fc.assert(
      fc.property(arbitraryHistory(30), fc.array(arbitraryEvent, { minLength: 1, maxLength: 10 }), (history, proposals) => {
        let state = decisionState(initialHistory('fw'));
        for (const event of history.events) state = evolveState(state, event);
        let h = history;
        for (const make of proposals) {
          const event = make(h);
          const command = { type: 'RecordEvent' as const, event };
          const expected = decide(command, h);
          expect(decideWith(command, state)).toEqual(expected);
          if (expected.ok) {
            h = record(h, event, `e${h.revision + 1}`);
            state = evolveState(state, h.events[h.events.length - 1]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
