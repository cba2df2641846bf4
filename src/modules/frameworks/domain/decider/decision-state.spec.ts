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

  it('answers exactly what decide answers around facts dated 9999-12-31 and 0001-01-01, milestones of any date included (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { arbitraryEvent } = await import('../testing/arbitrary-history.js');
    const { arbitraryFarHistory } = await import('../state/far-dates.arbitrary.js');
    const { decide, initialHistory } = await import('./framework.decider.js');
    const { decideWith, decisionState, evolveState } = await import('./decision-state.js');
    const { record, SOURCE } = await import('../testing/given-when-then.js');
    const milestone = fc
      .record({ id: fc.constantFrom('m0', 'm1', 'far-future-0', 'far-past-1'), date: fc.constantFrom('9999-12-31', '0001-01-01', '1985', '1990', '2003-06', '2030-01-02') })
      .map(({ id, date }) => () => ({ type: 'MilestoneNoted', effectiveDate: date, data: { milestoneId: id, name: `Jalon ${id}` }, source: SOURCE }) as never);
    fc.assert(
      fc.property(arbitraryFarHistory(25, 3), fc.array(fc.oneof(arbitraryEvent, milestone), { minLength: 1, maxLength: 10 }), (history, proposals) => {
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
        // The kept timeline is the one a full fold gives.
        expect(state.timeline).toEqual(decisionState(h).timeline);
      }),
      { numRuns: 200 },
    );
  });
});
