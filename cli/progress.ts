/**
 * The scan CLI's messages on standard error: a summary line per file, and on long runs a progress bar.
 *
 * The bar is drawn only when both standard output and standard error are terminals (someone is watching the run
 * and the findings are not being piped or redirected somewhere), and never when `CI` is set or `TERM=dumb`. So a
 * pipe, a log file or a CI job gets plain lines with no control characters. The bar is drawn *before* each file is
 * scanned (so it shows which file a long run is on), only once the run has lasted `delayMs` (short runs stay
 * quiet), and it is erased (`\r\x1b[K`) before every summary line and at the end, so summary lines never share a
 * line with it.
 */

interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

interface ReporterOptions {
  stderr: ProgressStream;
  stdoutIsTTY: boolean | undefined;
  env?: Record<string, string | undefined>;
  /** Milliseconds before the bar first appears (default 300). */
  delayMs?: number;
  now?: () => number;
}

export const CLEAR_LINE = '\r\x1b[K';

/** Whether a progress bar may be drawn at all. */
export function progressEnabled(
  stderrIsTTY: boolean | undefined,
  stdoutIsTTY: boolean | undefined,
  env: Record<string, string | undefined> = {},
): boolean {
  if (!stderrIsTTY || !stdoutIsTTY) return false;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return false;
  return env.TERM !== 'dumb';
}

export function createReporter(options: ReporterOptions) {
  const { stderr } = options;
  const enabled = progressEnabled(stderr.isTTY, options.stdoutIsTTY, options.env ?? {});
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 300;
  const startedAt = now();
  let drawn = false;

  const clear = () => {
    if (drawn) stderr.write(CLEAR_LINE);
    drawn = false;
  };

  const draw = (fraction: number, counter: string, name: string) => {
    if (!enabled || now() - startedAt < delayMs) return;
    const width = 20;
    const filled = Math.round(Math.min(1, fraction) * width);
    const room = Math.max(10, (stderr.columns || 80) - width - counter.length - 6);
    const shown = name.length > room ? `…${name.slice(-(room - 1))}` : name;
    stderr.write(`${CLEAR_LINE}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${counter} ${shown}`);
    drawn = true;
  };

  return {
    enabled,
    /** Before scanning file `index` (0-based) of `total`. */
    starting(index: number, total: number, name: string) {
      if (total < 2) return;
      draw(index / total, `${index + 1}/${total}`, name);
    },
    /** Within a long file: `done` of `total` pages, sheets or entries of file `index` of `files`. */
    within(index: number, files: number, name: string, done: number, total: number, unit: string) {
      if (total < 2) return;
      draw((index + done / total) / files, `${unit} ${Math.min(done + 1, total)}/${total}`, name);
    },
    /** A whole line (summary, warning, error): the bar is erased first, and redrawn with the next file. */
    line(text: string) {
      clear();
      stderr.write(`${text}\n`);
    },
    /** At the end of the run: leaves the terminal with no bar on it. */
    finish() {
      clear();
    },
  };
}
