/**
 * The options page: the watchlist in force and its updates, and the settings that decide how VendorWatch warns,
 * one section per file in this folder. Settings an organisation's policy has locked are shown but cannot be
 * changed (LockableField). Changes go through use-settings.ts, which applies each to the latest settings.
 */
import { useEffect, useState } from 'preact/hooks';
import type { WatchlistStatus } from '../../lib/protocol';
import { type SettingKey, type Settings, settingsSchema } from '../../lib/settings/index';
import { ownModelProblems, type SafetyCheck } from '../../lib/watchlist/own-patterns';
import type { Vendor } from '../../lib/watchlist/schema';
import { type MessageKey, t, tx } from '../i18n';
import { ImportSection } from './ImportSection';
import { LockableField } from './LockableField';
import { OwnEntries } from './OwnEntries';
import { lockedSettings, shownSettings } from './options-state';
import { ProfileSection } from './ProfileSection';
import { SensitivitySection } from './SensitivitySection';
import { SitesSection } from './SitesSection';
import { type SaveOutcome, useSettings } from './use-settings';
import { WatchlistSection } from './WatchlistSection';

export interface OptionsApi {
  /** Calls `listener` when settings or the organisation's policy change elsewhere. */
  onExternalChange(listener: () => void): void;
  status(): Promise<WatchlistStatus>;
  checkNow(): Promise<WatchlistStatus>;
  loadSettings(): Promise<Settings>;
  /**
   * Saves what the user may change; resolves to the locked settings `settings` asked to change, which were left
   * unchanged. Rejects (the storage quota) having changed nothing.
   */
  saveSettings(settings: Settings): Promise<SettingKey[]>;
  download(text: string, name: string): void;
  /** recheck's proof that a model pattern cannot backtrack catastrophically (the bundled list's check). */
  checkPattern: SafetyCheck;
  /** The time now (tests pass a fixed one); the browser's clock otherwise. */
  now?(): Date;
}

export function Options({ api }: { api: OptionsApi }) {
  const [status, setStatus] = useState<WatchlistStatus | null>(null);
  const [saved, setSaved] = useState('');
  const [problem, setProblem] = useState('');

  const refreshStatus = () => void api.status().then(setStatus);
  /** How a save went, said as soon as storage answers (the status may then wait on an update check). */
  const outcome = (done: MessageKey): SaveOutcome => ({
    saved: (unchanged) => {
      setProblem('');
      setSaved(`${t(done)}${unchanged.length > 0 ? ` ${t('optionsLockedUnchanged', unchanged.join(', '))}` : ''}`);
    },
    failed: (error) => {
      setSaved('');
      setProblem(t('optionsSaveFailed', error instanceof Error ? error.message : String(error)));
    },
  });
  const { settings, change, save, reload } = useSettings(api, outcome('optionsSaved'), refreshStatus);

  useEffect(() => {
    const refresh = () => {
      refreshStatus();
      reload();
    };
    refresh();
    api.onExternalChange(refresh);
  }, [api]);

  if (!status || !settings) return <main aria-busy="true">{t('optionsLoading')}</main>;
  const locked = lockedSettings(status);
  const shown = shownSettings(settings, status, locked);
  const sectionProps = { shown, locked, change };

  /** Own entries' model patterns get the bundled list's checks; each bad one is named with its reason. */
  const patternsRefused = async (entries: Vendor[]): Promise<boolean> => {
    const problems = await ownModelProblems(entries, api.checkPattern);
    if (problems.length === 0) return false;
    setSaved('');
    setProblem(problems.map((p) => t('ownPatternRefused', p.vendor, p.rule, p.reason)).join(' '));
    return true;
  };
  /** The own entries from the form (components/options/OwnEntries.tsx), already checked field by field. */
  const saveEntries = async (entries: Vendor[]) => {
    const parsed = settingsSchema.shape.userEntries.safeParse(entries);
    if (!parsed.success || (await patternsRefused(parsed.data))) return false;
    return change({ userEntries: parsed.data });
  };
  const importSettings = async (imported: Settings) => {
    // Entries the organisation locks are not imported at all, so only others need the check.
    if (!locked.has('userEntries') && (await patternsRefused(imported.userEntries))) return;
    await save(imported, outcome('optionsImported'));
  };
  const checkNow = async () => {
    try {
      setStatus(await api.checkNow());
    } catch {
      // The background stopped mid-check (its next start records the check as interrupted): show that.
      const now = await api.status().catch(() => null);
      if (now) setStatus(now);
    }
  };

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <p class="muted" role="status">
        {saved}
      </p>
      {problem ? (
        <p class="problem" role="alert">
          {problem}
        </p>
      ) : null}
      {status.policyProblems?.length ? (
        <div class="problem" role="alert" data-testid="policy-problems">
          <p>{t('optionsPolicyProblems')}</p>
          <ul>
            {status.policyProblems.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <WatchlistSection {...sectionProps} status={status} now={api.now?.() ?? new Date()} checkNow={checkNow} />
      <ProfileSection {...sectionProps} />
      <SensitivitySection {...sectionProps} />
      <SitesSection {...sectionProps} />
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t('optionsEntries')}</h2>
        <LockableField setting="userEntries" locked={locked}>
          {(lock) => (
            <OwnEntries
              entries={shown.userEntries}
              locked={lock.disabled}
              describedBy={lock.describedBy}
              onSave={saveEntries}
              download={api.download}
            />
          )}
        </LockableField>
      </section>
      <ImportSection
        settings={settings}
        download={api.download}
        refused={(text) => {
          setSaved('');
          setProblem(tx(text));
        }}
        import={importSettings}
      />
    </main>
  );
}
