/**
 * Browser glue for watchlist updates: storage, alarms and policy around the pure updater in lib/update.
 * Alarms can be cleared when the browser restarts, so the next due time is persisted and the alarm re-created at
 * every background start. A check the browser stopped is recorded as interrupted before anything else runs.
 */

import type { WatchlistStatus } from '../../lib/protocol';
import type { Settings } from '../../lib/settings/index';
import { namespacedStore, STORAGE, writeItem } from '../../lib/storage';
import { DEFAULT_LIMITS, type FetchLimits } from '../../lib/update/fetch';
import { trustedKeys } from '../../lib/update/keys';
import {
  EMPTY_LIST,
  type OrganisationList,
  organisationKey,
  organisationNamespace,
} from '../../lib/update/organisation';
import { createScheduler } from '../../lib/update/schedule';
import { checkWords, createUpdater, type Updater } from '../../lib/update/updater';
import { loadWatchlist } from '../../lib/watchlist/index';
import { effectiveSettings, getItem, localStore } from '../../platform/storage';
import bundledJson from '../../public/watchlist.json';

const ALARM = 'watchlist-update';
/** Test builds (`wxt build --mode e2e`) trust the test key and a loopback http update server; releases never do. */
const TEST_BUILD = import.meta.env.MODE === 'e2e';
/** Test builds wait seconds, not minutes, for a server that never answers, so the end-to-end tests can show it. */
const LIMITS: FetchLimits = TEST_BUILD ? { headersMs: 5_000, bodyMs: 8_000 } : DEFAULT_LIMITS;

const bundled = loadWatchlist(bundledJson);

export const updater = createUpdater({
  fetch: (url, init) => fetch(url, init),
  store: localStore,
  now: () => new Date(),
  keys: trustedKeys({ includeTestKey: TEST_BUILD }),
  bundled,
  allowLoopbackHttp: TEST_BUILD,
  limits: LIMITS,
});

/** One updater per organisation list, kept, so its checks queue behind each other like the main list's. */
const organisationUpdaters = new Map<string, Updater>();

/** The updater for one organisation list: same checks, the organisation's key, its own storage namespace. */
export function organisationUpdater(list: OrganisationList): Updater {
  const namespace = organisationNamespace(list);
  const key = `${namespace} ${list.publicKey}`;
  let org = organisationUpdaters.get(key);
  if (!org) {
    org = createUpdater({
      fetch: (url, init) => fetch(url, init),
      store: namespacedStore(localStore, namespace),
      now: () => new Date(),
      keys: [organisationKey(list)],
      bundled: EMPTY_LIST,
      allowLoopbackHttp: TEST_BUILD,
      limits: LIMITS,
    });
    organisationUpdaters.set(key, org);
  }
  return org;
}

let recovery: Promise<void> | null = null;

/**
 * Once per background start, before any check or status: checks a stopped worker left unfinished are recorded as
 * interrupted (lib/update/lease.ts), so the options page shows what happened instead of waiting for ever.
 */
export function recoverInterruptedChecks(): Promise<void> {
  recovery ??= (async () => {
    const { extraLists } = await effectiveSettings();
    await Promise.all([updater, ...extraLists.map(organisationUpdater)].map((u) => u.recoverInterrupted()));
  })().catch((error) => console.error('VendorWatch: could not record interrupted update checks', error));
  return recovery;
}

/** Checks every list; true when a check failed (unreachable, server error), so the scheduler retries sooner. */
async function checkAll(): Promise<boolean> {
  await recoverInterruptedChecks();
  const { settings, extraLists } = await effectiveSettings();
  const records = await Promise.all([
    settings.updateUrl ? updater.checkNow(settings.updateUrl) : recordNoAddress(),
    ...extraLists.map((list) => organisationUpdater(list).checkNow(list.url)),
  ]);
  return records.some((record) => record?.result === 'failed');
}

async function recordNoAddress(): Promise<void> {
  await writeItem(localStore, STORAGE.lastCheck, {
    at: new Date().toISOString(),
    url: '',
    result: 'failed',
    ...checkWords({ key: 'updateNoAddress' }),
  });
}

const scheduler = createScheduler({
  alarm: ALARM,
  alarms: { create: (name, info) => browser.alarms.create(name, info) },
  store: localStore,
  now: () => new Date(),
  random: Math.random,
  intervalHours: async () => (await effectiveSettings()).settings.updateIntervalHours,
});

/** Runs the scheduled check; the next one is armed even if this one fails. */
async function checkForUpdates(): Promise<void> {
  await scheduler.runCheck(checkAll);
}

/** (Re-)creates the alarm from the persisted due time; `reset` starts a new interval from now. */
export async function scheduleNextCheck(settings?: Settings, reset = false): Promise<void> {
  await scheduler.schedule(reset, settings?.updateIntervalHours);
}

export function onUpdateAlarm(alarm: { name: string }): void {
  if (alarm.name === ALARM) void checkForUpdates();
}

export async function watchlistStatus(): Promise<WatchlistStatus> {
  await recoverInterruptedChecks();
  const [{ list, source }, lastCheck, { settings, locked, extraLists, problems }, nextCheckAt, failedChecks] =
    await Promise.all([
      updater.activeList(),
      updater.lastCheck(),
      effectiveSettings(),
      getItem(STORAGE.nextCheckAt),
      getItem(STORAGE.failedChecks),
    ]);
  return {
    version: list.meta.version,
    generatedAt: list.meta.generatedAt,
    expiresAt: list.meta.expiresAt,
    reviewed: list.meta.reviewed,
    source,
    updateUrl: settings.updateUrl,
    effective: settings,
    locked: [...locked],
    policyProblems: problems,
    lastCheck,
    nextCheckAt,
    failedChecks,
    organisationLists: await Promise.all(
      extraLists.map(async (extra) => {
        const org = organisationUpdater(extra);
        const active = await org.activeList();
        return {
          label: extra.label,
          url: extra.url,
          version: active.list.meta.version,
          lastCheck: await org.lastCheck(),
        };
      }),
    ),
  };
}

export async function checkNowAndReport(): Promise<WatchlistStatus> {
  await checkAll();
  return watchlistStatus();
}
