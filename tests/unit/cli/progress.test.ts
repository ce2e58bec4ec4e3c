/** The CLI's standard-error reporter with the terminal injected: when the bar is drawn, and that it is erased. */
import { describe, expect, it } from 'vitest';
import { CLEAR_LINE, createReporter, progressEnabled } from '../../../cli/progress';

function fakeStderr(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (text: string) => writes.push(text) } };
}

describe('progress reporter', () => {
  it('draws only when both outputs are terminals, and never in CI or on a dumb terminal', () => {
    expect(progressEnabled(true, true, {})).toBe(true);
    expect(progressEnabled(true, false, {})).toBe(false);
    expect(progressEnabled(false, true, {})).toBe(false);
    expect(progressEnabled(undefined, undefined, {})).toBe(false);
    expect(progressEnabled(true, true, { CI: 'true' })).toBe(false);
    expect(progressEnabled(true, true, { CI: 'false' })).toBe(true);
    expect(progressEnabled(true, true, { TERM: 'dumb' })).toBe(false);
  });

  it('writes plain summary lines with no control characters when not a terminal', () => {
    const { writes, stream } = fakeStderr(false);
    const reporter = createReporter({ stderr: stream, stdoutIsTTY: false, delayMs: 0 });
    for (let i = 0; i < 10; i++) {
      reporter.starting(i, 10, `tenders/lot-${i}.html`);
      reporter.line(`tenders/lot-${i}.html: 0 findings`);
    }
    reporter.finish();
    expect(writes.join('')).toBe(Array.from({ length: 10 }, (_, i) => `tenders/lot-${i}.html: 0 findings\n`).join(''));
  });

  it('on a terminal, draws the bar before a file and clears it before the summary line and at the end', () => {
    const { writes, stream } = fakeStderr(true);
    const reporter = createReporter({ stderr: stream, stdoutIsTTY: true, delayMs: 0 });
    reporter.starting(0, 4, 'tenders/lot-1.html');
    reporter.line('tenders/lot-1.html: 1 finding (Hikvision)');
    reporter.starting(1, 4, 'tenders/lot-2.html');
    reporter.finish();
    expect(writes).toEqual([
      `${CLEAR_LINE}[....................] 1/4 tenders/lot-1.html`,
      CLEAR_LINE,
      'tenders/lot-1.html: 1 finding (Hikvision)\n',
      `${CLEAR_LINE}[#####...............] 2/4 tenders/lot-2.html`,
      CLEAR_LINE,
    ]);
  });

  it('stays quiet on short runs: no bar before the delay, none for a single file', () => {
    let clock = 0;
    const { writes, stream } = fakeStderr(true);
    const reporter = createReporter({ stderr: stream, stdoutIsTTY: true, delayMs: 300, now: () => clock });
    reporter.starting(0, 3, 'a.html');
    reporter.line('a.html: 0 findings');
    clock = 500;
    reporter.starting(1, 3, 'b.html');
    expect(writes).toEqual(['a.html: 0 findings\n', `${CLEAR_LINE}[#######.............] 2/3 b.html`]);
    const single = fakeStderr(true);
    createReporter({ stderr: single.stream, stdoutIsTTY: true, delayMs: 0 }).starting(0, 1, 'only.html');
    expect(single.writes).toEqual([]);
  });

  it('shortens a long path from the left to fit the terminal width', () => {
    const { writes, stream } = fakeStderr(true);
    stream.columns = 60;
    createReporter({ stderr: stream, stdoutIsTTY: true, delayMs: 0 }).starting(0, 2, `${'deep/'.repeat(20)}lot.html`);
    expect(writes[0]!.length - CLEAR_LINE.length).toBeLessThanOrEqual(60);
    expect(writes[0]).toMatch(/…[a-z/]*lot\.html$/);
  });
});
