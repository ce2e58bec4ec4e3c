/**
 * Update scheduling: the alarm is re-created at start from the persisted due time, an overdue check runs soon, the
 * interval is jittered within +-10%, and a failing check never stops the schedule.
 */
import { describe, expect, it } from 'vitest';
import { type KeyValueStore, STORAGE } from '../../../lib/storage';
import { RETRY_FIRST_MS } from '../../../lib/update/defaults';
import {
  createScheduler,
  FALLBACK_INTERVAL_HOURS,
  nextDueTime,
  OVERDUE_DELAY_MS,
  type SchedulerDeps,
} from '../../../lib/update/schedule';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-01T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

class MemoryStore implements KeyValueStore {
  data = new Map<string, unknown>();
  failGet = false;
  failSet = false;
  async get(key: string) {
    if (this.failGet) throw new Error('storage unavailable');
    return this.data.get(key);
  }
  async set(entries: Record<string, unknown>) {
    if (this.failSet) throw new Error('storage unavailable');
    for (const [key, value] of Object.entries(entries)) this.data.set(key, value);
  }
}

function harness(overrides: Partial<SchedulerDeps> = {}) {
  const store = new MemoryStore();
  const alarms: Array<{ name: string; when: number }> = [];
  const errors: string[] = [];
  const scheduler = createScheduler({
    alarm: 'watchlist-update',
    alarms: { create: (name, info) => void alarms.push({ name, when: info.when }) },
    store,
    now: () => NOW,
    random: () => 0.5,
    intervalHours: async () => 24,
    onError: (context) => void errors.push(context),
    ...overrides,
  });
  return { store, alarms, errors, scheduler };
}

describe('nextDueTime', () => {
  const base = { now: NOW, intervalHours: 24, random: 0.5 };

  it('keeps a persisted due time that is still ahead (re-created at start)', () => {
    const stored = at(5 * HOUR).toISOString();
    expect(nextDueTime({ ...base, stored })).toEqual(at(5 * HOUR));
  });

  it('turns an overdue check into one a minute from now', () => {
    const stored = at(-3 * 24 * HOUR).toISOString();
    expect(nextDueTime({ ...base, stored })).toEqual(at(OVERDUE_DELAY_MS));
  });

  it('starts a fresh interval when nothing usable is stored, or after a check (reset)', () => {
    for (const stored of [undefined, null, 'not a date', 12345, {}]) {
      expect(nextDueTime({ ...base, stored })).toEqual(at(24 * HOUR));
    }
    expect(nextDueTime({ ...base, stored: at(5 * HOUR).toISOString(), reset: true })).toEqual(at(24 * HOUR));
  });

  it('does not wait out a due time further away than the interval allows (interval shortened, clock moved)', () => {
    const stored = at(30 * 24 * HOUR).toISOString();
    expect(nextDueTime({ ...base, intervalHours: 1, stored })).toEqual(at(HOUR));
    // Just inside the jitter window is kept.
    const edge = at(24 * HOUR * 1.1).toISOString();
    expect(nextDueTime({ ...base, stored: edge })).toEqual(new Date(edge));
  });

  it('jitters every fresh interval within +-10%', () => {
    for (let i = 0; i <= 100; i++) {
      const random = i / 100;
      for (const intervalHours of [1, 24, 720]) {
        const delay = nextDueTime({ now: NOW, intervalHours, random, stored: undefined }).getTime() - NOW.getTime();
        expect(delay).toBeGreaterThanOrEqual(intervalHours * HOUR * 0.9 - 1);
        expect(delay).toBeLessThanOrEqual(intervalHours * HOUR * 1.1 + 1);
      }
    }
    const spread = [0, 1].map((random) => nextDueTime({ ...base, random, stored: undefined }).getTime());
    expect(spread[1]! - spread[0]!).toBeCloseTo(24 * HOUR * 0.2, -3);
  });
});

describe('scheduler', () => {
  it('re-creates the alarm at start from the persisted due time, and keeps it persisted', async () => {
    const { store, alarms, scheduler } = harness();
    store.data.set(STORAGE.nextCheckAt.key, at(7 * HOUR).toISOString());
    await scheduler.schedule();
    expect(alarms).toEqual([{ name: 'watchlist-update', when: at(7 * HOUR).getTime() }]);
    expect(store.data.get(STORAGE.nextCheckAt.key)).toBe(at(7 * HOUR).toISOString());
  });

  it('runs an overdue check soon after start', async () => {
    const { store, alarms, scheduler } = harness();
    store.data.set(STORAGE.nextCheckAt.key, at(-HOUR).toISOString());
    await scheduler.schedule();
    expect(alarms[0]!.when).toBe(at(OVERDUE_DELAY_MS).getTime());
  });

  it('uses the interval given, or the one in force', async () => {
    const { alarms, scheduler } = harness({ intervalHours: async () => 6 });
    await scheduler.schedule();
    await scheduler.schedule(true, 12);
    expect(alarms.map((a) => a.when)).toEqual([at(6 * HOUR).getTime(), at(12 * HOUR).getTime()]);
  });

  it('arms the next check after a successful one, from now', async () => {
    const { store, alarms, scheduler } = harness();
    store.data.set(STORAGE.nextCheckAt.key, at(-HOUR).toISOString());
    let ran = 0;
    await scheduler.runCheck(async () => {
      ran++;
    });
    expect(ran).toBe(1);
    expect(alarms).toEqual([{ name: 'watchlist-update', when: at(24 * HOUR).getTime() }]);
    expect(store.data.get(STORAGE.nextCheckAt.key)).toBe(at(24 * HOUR).toISOString());
  });

  it('still arms the next check when the check rejects, and reports the failure instead of throwing', async () => {
    const { alarms, errors, scheduler } = harness();
    await expect(
      scheduler.runCheck(async () => {
        throw new Error('QUOTA_BYTES quota exceeded');
      }),
    ).resolves.toEqual(at(RETRY_FIRST_MS));
    expect(alarms).toHaveLength(1);
    expect(errors).toEqual(['the update check failed']);
  });

  it('retries a failed check after 15 minutes, doubling the wait with each failure in a row, capped', async () => {
    const { store, alarms, scheduler } = harness();
    const failing = async () => true;
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) waits.push((await scheduler.runCheck(failing)).getTime() - NOW.getTime());
    const MIN = 60_000;
    expect(waits).toEqual([15, 30, 60, 120, 240, 480, 720, 720, 720].map((m) => m * MIN));
    expect(store.data.get(STORAGE.failedChecks.key)).toBe(9);
    expect(store.data.get(STORAGE.nextCheckAt.key)).toBe(at(720 * MIN).toISOString());
    expect(alarms.at(-1)).toEqual({ name: 'watchlist-update', when: at(720 * MIN).getTime() });
    // One check that gets through starts the regular interval again and clears the count.
    await expect(scheduler.runCheck(async () => false)).resolves.toEqual(at(24 * HOUR));
    expect(store.data.get(STORAGE.failedChecks.key)).toBe(0);
    await expect(scheduler.runCheck(failing)).resolves.toEqual(at(15 * MIN));
  });

  it('never waits longer between retries than the regular interval', async () => {
    const { scheduler } = harness({ intervalHours: async () => 1 });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) waits.push((await scheduler.runCheck(async () => true)).getTime() - NOW.getTime());
    expect(waits).toEqual([15 * 60_000, 30 * 60_000, HOUR, HOUR]);
  });

  it('still arms the alarm when storage or the settings cannot be read or written', async () => {
    const { store, alarms, errors, scheduler } = harness({
      intervalHours: async () => {
        throw new Error('managed storage broken');
      },
    });
    store.failGet = true;
    store.failSet = true;
    await scheduler.runCheck(async () => {
      await store.get('settings');
    });
    expect(alarms).toEqual([{ name: 'watchlist-update', when: at(FALLBACK_INTERVAL_HOURS * HOUR).getTime() }]);
    expect(errors).toEqual([
      'the update check failed',
      'could not save the failed check count',
      'could not read the update interval; using the default',
      'could not save the next check time',
    ]);
    // At start with unreadable storage: a fresh interval rather than no alarm at all.
    await scheduler.schedule();
    expect(alarms).toHaveLength(2);
  });
});
