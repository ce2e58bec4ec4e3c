/**
 * When to check for watchlist updates, and keeping the check alarm armed. The browser's alarms and storage are
 * passed in, so the logic runs in Node tests.
 *
 * Alarms may not survive a browser restart, so the due time is persisted and the alarm re-created from it at every
 * background start. After every check, failed or not, the next one is armed: a check that throws (a storage error,
 * say) must not stop updates until the browser restarts.
 */
import { type KeyValueStore, readItem, STORAGE, writeItem } from '../storage';
import { retryDelayMs } from './defaults';
import { nextCheckTime } from './updater';

/** A due time in the past (the browser was closed) means: check soon, but not in the middle of start-up. */
export const OVERDUE_DELAY_MS = 60_000;
/** Used when the settings cannot be read. */
export const FALLBACK_INTERVAL_HOURS = 24;

const HOUR = 3_600_000;

/**
 * The next due time. A persisted due time is kept unless `reset` (a check just ran) or it is unusable: not a date,
 * or further away than the interval allows (the interval was shortened, or the clock moved back). Overdue becomes
 * soon.
 */
export function nextDueTime(input: {
  stored: unknown;
  now: Date;
  intervalHours: number;
  random: number;
  reset?: boolean;
}): Date {
  const now = input.now.getTime();
  const stored = typeof input.stored === 'string' ? Date.parse(input.stored) : Number.NaN;
  const latest = now + input.intervalHours * HOUR * 1.1;
  const due =
    !input.reset && Number.isFinite(stored) && stored <= latest
      ? stored
      : nextCheckTime(input.now, input.intervalHours, input.random).getTime();
  return new Date(due < now ? now + OVERDUE_DELAY_MS : due);
}

export interface SchedulerDeps {
  alarm: string;
  alarms: { create(name: string, info: { when: number }): Promise<unknown> | unknown };
  store: KeyValueStore;
  now: () => Date;
  random: () => number;
  /** The interval in force (the settings, with policy applied). */
  intervalHours: () => Promise<number>;
  /** Where errors that must not stop the schedule are reported. */
  onError?: (context: string, error: unknown) => void;
}

export function createScheduler(deps: SchedulerDeps) {
  const report = deps.onError ?? ((context, error) => console.error(`VendorWatch: ${context}`, error));

  /** (Re-)creates the alarm from the persisted due time; `reset` starts a new interval from now. */
  async function schedule(reset = false, intervalHours?: number, retryAfterMs?: number): Promise<Date> {
    let interval = intervalHours;
    if (interval === undefined) {
      try {
        interval = await deps.intervalHours();
      } catch (error) {
        report('could not read the update interval; using the default', error);
        interval = FALLBACK_INTERVAL_HOURS;
      }
    }
    let stored: unknown;
    if (!reset) {
      try {
        stored = await readItem(deps.store, STORAGE.nextCheckAt);
      } catch (error) {
        report('could not read the next check time', error);
      }
    }
    const due =
      retryAfterMs === undefined
        ? nextDueTime({ stored, now: deps.now(), intervalHours: interval, random: deps.random(), reset })
        : new Date(deps.now().getTime() + retryAfterMs);
    // The alarm first: if the due time cannot be persisted, the check still happens.
    await deps.alarms.create(deps.alarm, { when: due.getTime() });
    try {
      await writeItem(deps.store, STORAGE.nextCheckAt, due.toISOString());
    } catch (error) {
      report('could not save the next check time', error);
    }
    return due;
  }

  /**
   * Runs a check and always arms the next one. A check that failed (it resolves `true`: the server could not be
   * reached or answered with an error) or threw is retried sooner, with a wait that doubles with each failure in a
   * row (update/defaults.ts); any other outcome starts a regular interval and clears the count. Quietly: a failure
   * is recorded for the options page, never shown on the page the user is reading.
   */
  async function runCheck(check: () => Promise<unknown>): Promise<Date> {
    let failed: boolean;
    try {
      failed = (await check()) === true;
    } catch (error) {
      report('the update check failed', error);
      failed = true;
    }
    let failures = 0;
    try {
      failures = failed ? (await readItem(deps.store, STORAGE.failedChecks)) + 1 : 0;
      await writeItem(deps.store, STORAGE.failedChecks, failures);
    } catch (error) {
      report('could not save the failed check count', error);
    }
    if (failures === 0) return schedule(true);
    let interval: number;
    try {
      interval = await deps.intervalHours();
    } catch {
      interval = FALLBACK_INTERVAL_HOURS;
    }
    return schedule(true, interval, retryDelayMs(failures, interval));
  }

  return { schedule, runCheck };
}
