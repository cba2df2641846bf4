import { describeFailure, EXIT_REFUSED, EXIT_USAGE, UsageError } from '../../src/platform/cli/cli-errors.js';
import { csvField, csvHeader, toCsvRecord, toExportLine } from '../../src/modules/frameworks/queries/export-log/export-format.js';
import { canonicalJson, parseImportText } from '../../src/modules/frameworks/commands/import-events/import-plan.js';
import { ProgressReporter, renderProgress } from '../../src/platform/cli/progress.js';
import { renderTable } from '../../src/platform/cli/table.js';
import { InvalidInput, RuleBroken } from '../../src/libs/app-errors.js';

describe('command line: formats', () => {
  it('quotes CSV fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvHeader()).toBe('frameworkId,eventId,revision,type,effectiveDate,data,source,recordedAt,recordedBy\r\n');
  });

  it('exports a stored event with its metadata, and a CSV row with JSON columns', () => {
    const line = toExportLine({
      eventId: '00000000-0000-5000-8000-000000000001',
      streamId: 'framework-x',
      type: 'MilestoneNoted',
      revision: 3,
      position: 9,
      recordedAt: '2026-01-01T00:00:00.000Z',
      data: { effectiveDate: '2001', data: { milestoneId: 'm', name: 'A, "b"' }, source: { document: 'd', passage: 'p', confidence: 'stated' } },
      metadata: { actor: 'admin', requestHash: 'h' },
    })!;
    expect(line).toEqual({
      frameworkId: 'x',
      eventId: '00000000-0000-5000-8000-000000000001',
      revision: 3,
      type: 'MilestoneNoted',
      effectiveDate: '2001',
      data: { milestoneId: 'm', name: 'A, "b"' },
      source: { document: 'd', passage: 'p', confidence: 'stated' },
      recordedAt: '2026-01-01T00:00:00.000Z',
      recordedBy: 'admin',
      metadata: { requestHash: 'h' },
    });
    expect(toCsvRecord(line)).toBe(
      'x,00000000-0000-5000-8000-000000000001,3,MilestoneNoted,2001,"{""milestoneId"":""m"",""name"":""A, \\""b\\""""}",' +
        '"{""document"":""d"",""passage"":""p"",""confidence"":""stated""}",2026-01-01T00:00:00.000Z,admin\r\n',
    );
    expect(
      toExportLine({ eventId: line.eventId, streamId: 'other-stream', type: 'X', revision: 0, position: 1, recordedAt: line.recordedAt, data: {}, metadata: {} }),
    ).toBeNull();
  });

  it('reads JSON Lines, a JSON array or one object, and names each bad line', () => {
    const lines = parseImportText('{"a":1}\n\nnot json\n{"b":2}\n');
    expect(lines.entries.map((e) => e.label)).toEqual(['line 1', 'line 4']);
    expect(lines.refusals).toEqual([{ label: 'line 3', status: 400, reason: expect.stringContaining('not valid JSON') }]);
    expect(parseImportText('[{"a":1},{"b":2}]').entries.map((e) => e.label)).toEqual(['item 1', 'item 2']);
    expect(parseImportText('{\n  "a": [\n    {"x": 1},\n    {"y": 2}\n  ]\n}\n').entries).toEqual([{ label: 'item 1', value: { a: [{ x: 1 }, { y: 2 }] } }]);
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('draws a fixed-width table, cutting long cells', () => {
    const text = renderTable([{ header: 'id' }, { header: 'name', max: 8 }, { header: 'n', align: 'right' }], [['cc-2003', 'Salon-de-Provence', '14'], ['x', 'Été', '3']]);
    expect(text.split('\n')).toEqual([
      '  id       name       n',
      '  -------  --------  --',
      '  cc-2003  Salon-d…  14',
      '  x        Été        3',
      '',
    ]);
  });

  it('shows progress with events/s and ETA, as a bar on a terminal and as sparse lines otherwise', () => {
    expect(renderProgress({ done: 500, total: 1000, elapsedMs: 2000 }, 10)).toBe('[#####-----]  500/1000   50.0%  250 events/s  ETA 2.0s');

    let clock = 0;
    const written: string[] = [];
    const plain = new ProgressReporter({ isTTY: false, write: (t) => written.push(t) }, 100, () => clock, 10_000);
    clock = 500;
    plain.update(1); // too soon for a line
    clock = 10_500;
    plain.update(50);
    clock = 11_000;
    plain.update(55);
    expect(written).toEqual([expect.stringMatching(/^progress: \[.*\]  50\/100 .* events\/s  ETA .*\n$/)]);

    const tty: string[] = [];
    const bar = new ProgressReporter({ isTTY: true, write: (t) => tty.push(t) }, 10, () => clock);
    bar.update(5);
    bar.finish();
    expect(tty[0]).toMatch(/^\r\[/);
    expect(tty.at(-1)).toMatch(/10\/10 +100\.0%.*\n$/);
  });

  it('reports failures on one line with the exit code', () => {
    expect(describeFailure(new InvalidInput([{ field: 'at', problems: ['at must be a date YYYY-MM-DD'] }]))).toEqual({
      line: 'error: invalid at: at must be a date YYYY-MM-DD',
      exitCode: EXIT_REFUSED,
    });
    expect(describeFailure(new RuleBroken('convention-not-in-force', 'no convention\nin force'))).toEqual({
      line: 'error: convention-not-in-force: no convention in force',
      exitCode: EXIT_REFUSED,
    });
    expect(describeFailure(new UsageError('bad')).exitCode).toBe(EXIT_USAGE);
    const help = Object.assign(new Error('(outputHelp)'), { code: 'commander.helpDisplayed', exitCode: 0 });
    expect(describeFailure(help)).toEqual({ line: null, exitCode: 0 });
    const unknown = Object.assign(new Error("error: unknown option '--x'"), { code: 'commander.unknownOption', exitCode: 1 });
    expect(describeFailure(unknown)).toEqual({ line: null, exitCode: EXIT_USAGE });
  });
});
