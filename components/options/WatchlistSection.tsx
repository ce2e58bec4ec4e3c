/** The options page's "Watchlist": the list in force, its reviews and updates, and where and how often to update. */
import { useState } from 'preact/hooks';
import type { WatchlistStatus } from '../../lib/protocol';
import { formatDay, freshness } from '../../lib/watchlist/freshness';
import { t, tx } from '../i18n';
import { LockableField } from './LockableField';
import { intervalHours } from './options-state';
import type { SectionProps } from './section';

interface WatchlistSectionProps extends SectionProps {
  status: WatchlistStatus;
  now: Date;
  /** Runs an update check now; resolves when the status shows its outcome. */
  checkNow(): Promise<void>;
}

/** What an update check found, in the reader's language; records stored by older versions only have English. */
const checkMessage = (check: NonNullable<WatchlistStatus['lastCheck']>) =>
  check.text ? tx(check.text) : check.message;

/** Dates in the interface language (the page's lang, set from the browser's i18n locale). */
const formatDate = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(document.documentElement.lang || undefined) : t('optionsNever');

const day = (iso: string) => formatDay(iso, document.documentElement.lang || undefined);

export function WatchlistSection({ status, now, shown, locked, change, checkNow }: WatchlistSectionProps) {
  const [checking, setChecking] = useState(false);
  const fresh = freshness(status, now);
  return (
    <section aria-labelledby="watchlist-heading">
      <h2 id="watchlist-heading">{t('optionsWatchlist')}</h2>
      {fresh.stale ? (
        // Not an alert: it is there when the page opens, and read in order with the list it is about.
        <p class="problem" data-testid="list-stale">
          {t('optionsListStale', day(fresh.reviewedOn), fresh.ageDays)}
        </p>
      ) : null}
      <dl>
        <dt>{t('optionsListInForce')}</dt>
        <dd data-testid="list-version">
          {t(status.source === 'bundled' ? 'optionsVersionBundled' : 'optionsVersionUpdated', status.version)}
        </dd>
        <dt>{t('optionsReviewed')}</dt>
        <dd data-testid="list-reviewed">
          {fresh.reviews.length > 0 ? (
            <ul>
              {fresh.reviews.map((review) => (
                <li key={review.source}>
                  <a href={review.url}>{review.source}</a>: {day(review.date)}
                  {review.against ? <span class="muted"> ({review.against})</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            t('optionsNotReviewed')
          )}
        </dd>
        <dt>{t('optionsGenerated')}</dt>
        <dd>{formatDate(status.generatedAt)}</dd>
        <dt>{t('optionsExpires')}</dt>
        <dd>{formatDate(status.expiresAt)}</dd>
        <dt>{t('optionsLastCheck')}</dt>
        <dd data-testid="last-check">
          {status.lastCheck ? (
            <>
              <span class={`result-${status.lastCheck.result}`}>{checkMessage(status.lastCheck)}</span>{' '}
              <span class="muted">({formatDate(status.lastCheck.at)})</span>
            </>
          ) : (
            t('optionsNever')
          )}
        </dd>
        {status.organisationLists.map((org) => (
          <>
            <dt key={`${org.url}-label`}>{org.label}</dt>
            <dd key={org.url} data-testid="organisation-list">
              {org.version > 0 ? t('optionsOrgVersion', org.version) : t('optionsOrgNotInstalled')}
              {org.lastCheck ? ` (${checkMessage(org.lastCheck)})` : ''}
            </dd>
          </>
        ))}
        <dt>{t('optionsNextCheck')}</dt>
        <dd data-testid="next-check">
          {shown.updateUrl ? formatDate(status.nextCheckAt) : t('optionsUpdatesOff')}
          {shown.updateUrl && status.failedChecks ? (
            <span class="muted"> {t('optionsRetrying', status.failedChecks)}</span>
          ) : null}
        </dd>
      </dl>
      <LockableField setting="updateUrl" locked={locked} label={t('optionsUpdateUrl')}>
        {(lock) => (
          <input
            type="url"
            name="updateUrl"
            value={shown.updateUrl}
            disabled={lock.disabled}
            aria-describedby={lock.describedBy}
            onChange={(event) => void change({ updateUrl: (event.target as HTMLInputElement).value.trim() })}
          />
        )}
      </LockableField>
      <LockableField setting="updateIntervalHours" locked={locked} label={t('optionsUpdateInterval')}>
        {(lock) => (
          <input
            type="number"
            name="updateIntervalHours"
            min={1}
            max={24 * 30}
            step={1}
            value={shown.updateIntervalHours}
            disabled={lock.disabled}
            aria-describedby={lock.describedBy}
            onChange={(event) => {
              const hours = intervalHours((event.target as HTMLInputElement).value);
              if (hours !== undefined) void change({ updateIntervalHours: hours });
            }}
          />
        )}
      </LockableField>
      <button
        type="button"
        disabled={checking}
        onClick={async () => {
          setChecking(true);
          try {
            await checkNow();
          } finally {
            setChecking(false);
          }
        }}
      >
        {checking ? t('optionsChecking') : t('optionsCheckNow')}
      </button>
    </section>
  );
}
