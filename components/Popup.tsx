/**
 * The toolbar popup: what VendorWatch found on the current tab, one line per vendor (how many findings and the
 * verdict for the reader's profile) that opens to its findings, with the controls people reach for there: pause on
 * this site, export the evidence, report a wrong finding.
 */
import { useState } from 'preact/hooks';
import { groupByVendor, summaryFinding } from '../lib/evidence/rows';
import { pluralKey } from '../lib/i18n/plural';
import { shortVerdict } from '../lib/present/verdict';
import { VERDICT_KEYS } from '../lib/present/warning-view';
import type { FindingSummary, TabState } from '../lib/protocol';
import { type AddressDetail, buildProblemReport } from '../lib/report/issue';
import type { Dismissal } from '../lib/storage';
import { formatDay } from '../lib/watchlist/freshness';
import { DismissalList } from './DismissalList';
import { t, tx } from './i18n';

export type ExportFormat = 'csv' | 'json' | 'report';

interface PopupProps {
  state: TabState | null;
  /** Hostname of the tab, for the pause switch (null for pages that cannot be scanned). */
  site: string | null;
  paused: boolean;
  /** The organisation's policy sets the paused sites: the switch is shown but cannot be used. */
  pauseLocked?: boolean;
  /** Age of the list in force, in whole days. */
  listAgeDays: number | null;
  /** When the list in force was last reviewed (lib/watchlist/freshness), if it records a review. */
  reviewed?: { version: number; reviewedOn: string; sources: string[] } | null;
  extensionVersion: string;
  onReveal(index: number): void;
  onOpenOptions(): void;
  /** Opens the watchlist page, at a part of it (`about`: what is and is not flagged). */
  onOpenWatchlist(part?: 'about'): void;
  onTogglePause(paused: boolean): void;
  onExport(format: ExportFormat): void;
  onOpenReport(url: string): void;
  /** The site's dismissals, each with Undo (the warnings come back on the page). */
  dismissals?: readonly Dismissal[];
  onUndoDismissal?(dismissal: Dismissal): void;
}

interface VendorGroup {
  vendorId: string;
  vendorName: string;
  items: Array<{ finding: FindingSummary; index: number }>;
}

/** The findings by vendor, each with its place in the tab's list (what "reveal" asks the page for). */
export function groupFindings(findings: FindingSummary[]): VendorGroup[] {
  return groupByVendor(
    findings.map((finding, index) => ({ vendorId: finding.vendorId, vendorName: finding.vendorName, finding, index })),
  ).map(({ vendorId, vendorName, items }) => ({
    vendorId,
    vendorName,
    items: items.map(({ finding, index }) => ({ finding, index })),
  }));
}

/**
 * A vendor's summary line: how many findings, the verdict most of them carry (its products' over mentions of it),
 * the measures behind them.
 */
function VendorSummary(props: {
  group: VendorGroup;
  locale: string;
  onReveal(index: number): void;
  onReport(finding: FindingSummary): void;
}) {
  const { group, locale } = props;
  const findings = group.items.map((item) => item.finding);
  const verdict = summaryFinding(findings);
  const measures = [...new Map(findings.flatMap((f) => f.measures).map((m) => [m.id, m])).values()];
  const jurisdictions = [...new Set(measures.map((m) => m.jurisdiction))].join(', ');
  const count = group.items.length;
  return (
    <section data-vendor={group.vendorId} aria-label={group.vendorName}>
      <details>
        <summary>
          <span class="vendor-line">
            <strong class="vendor-name">{group.vendorName}</strong>{' '}
            <span class="count" data-testid="vendor-count">
              {t(pluralKey('popupVendorCount', count, locale), count)}
            </span>
          </span>
          <span class="verdict-line">{tx(shortVerdict(verdict.verdictLineText))}</span>
        </summary>
        {measures.length > 0 ? (
          <p class="muted measures" title={measures.map((m) => `${m.title} (${m.jurisdiction})`).join('\n')}>
            {t(pluralKey('popupVendorMeasures', measures.length, locale), measures.length, jurisdictions)}
          </p>
        ) : null}
        <ul>
          {group.items.map(({ finding, index }) => (
            <li key={index}>
              <span class="verdict">{t(VERDICT_KEYS[finding.verdict])}</span>:{' '}
              <button type="button" class="link" onClick={() => props.onReveal(index)}>
                “{finding.evidence}”
              </button>
              <button type="button" class="link small" onClick={() => props.onReport(finding)}>
                {t('popupReport')}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

const ADDRESS_CHOICES: Array<[AddressDetail, Parameters<typeof t>[0]]> = [
  ['none', 'reportAddressNone'],
  ['site', 'reportAddressSite'],
  ['path', 'reportAddressPath'],
  ['full', 'reportAddressFull'],
];

function ReportPanel(props: {
  finding: FindingSummary;
  state: TabState;
  extensionVersion: string;
  onOpen(url: string): void;
  onClose(): void;
}) {
  const [detail, setDetail] = useState<AddressDetail>('site');
  const report = buildProblemReport({
    finding: props.finding,
    pageUrl: props.state.url,
    detail,
    listVersion: props.state.listVersion,
    extensionVersion: props.extensionVersion,
  });
  return (
    <section class="report" aria-labelledby="report-heading">
      <h2 id="report-heading">{t('reportTitle')}</h2>
      <fieldset>
        <legend>{t('reportAddress')}</legend>
        {ADDRESS_CHOICES.map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="address"
              value={value}
              checked={detail === value}
              onChange={() => setDetail(value)}
            />{' '}
            {t(label)}
          </label>
        ))}
      </fieldset>
      <p class="muted">{t('reportPreview')}</p>
      <pre data-testid="report-preview">{`${report.title}\n\n${report.body}`}</pre>
      <div class="row">
        <button type="button" onClick={() => props.onOpen(report.url)}>
          {t('reportOpen')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('reportCancel')}
        </button>
      </div>
    </section>
  );
}

export function Popup(props: PopupProps) {
  const { state } = props;
  const findings = state?.findings ?? [];
  const [reporting, setReporting] = useState<FindingSummary | null>(null);
  const locale = t('localeCode');
  if (reporting && state) {
    return (
      <main>
        <ReportPanel
          finding={reporting}
          state={state}
          extensionVersion={props.extensionVersion}
          onOpen={props.onOpenReport}
          onClose={() => setReporting(null)}
        />
      </main>
    );
  }
  return (
    <>
      <main>
        <h1>VendorWatch</h1>
        {!state ? (
          <p class="muted">{t('popupNotScanned')}</p>
        ) : findings.length === 0 ? (
          <p data-testid="no-findings">
            {t('popupNoFindings')}{' '}
            <button type="button" class="link" data-testid="why-nothing" onClick={() => props.onOpenWatchlist('about')}>
              {t('popupWhyNothing')}
            </button>
          </p>
        ) : (
          <>
            <p role="status">{t(pluralKey('popupFindings', findings.length, locale), findings.length)}</p>
            {groupFindings(findings).map((group) => (
              <VendorSummary
                key={group.vendorId}
                group={group}
                locale={locale}
                onReveal={props.onReveal}
                onReport={setReporting}
              />
            ))}
          </>
        )}
        {props.dismissals && props.dismissals.length > 0 ? (
          <section class="dismissed" aria-labelledby="dismissed-heading">
            <h2 id="dismissed-heading">{t('popupDismissedTitle')}</h2>
            <DismissalList
              dismissals={props.dismissals}
              undoLabel={t('warningUndo')}
              onUndo={(dismissal) => props.onUndoDismissal?.(dismissal)}
            />
          </section>
        ) : null}
        {state ? (
          <section class="exports" aria-label={t('popupExport')}>
            <span>{t('popupExport')}:</span>
            <button type="button" onClick={() => props.onExport('csv')}>
              {t('popupExportCsv')}
            </button>
            <button type="button" onClick={() => props.onExport('json')}>
              {t('popupExportJson')}
            </button>
            <button type="button" onClick={() => props.onExport('report')}>
              {t('popupExportReport')}
            </button>
          </section>
        ) : null}
        {props.site ? (
          <label class="switch">
            <input
              type="checkbox"
              name="pause"
              checked={props.paused}
              disabled={props.pauseLocked}
              aria-describedby={props.pauseLocked ? 'pause-locked' : undefined}
              onChange={(event) => props.onTogglePause((event.target as HTMLInputElement).checked)}
            />{' '}
            {t('popupPause', props.site)}
          </label>
        ) : null}
        {props.site && props.pauseLocked ? (
          <p class="muted locked" id="pause-locked">
            {t('optionsLocked')}
          </p>
        ) : null}
        {props.paused ? <p class="muted">{t('popupPausedNote')}</p> : null}
      </main>
      <footer>
        <span class="muted" data-testid="list-reviewed">
          {props.reviewed && props.reviewed.sources.length > 0
            ? t(
                'popupWatchlistReviewed',
                props.reviewed.version,
                formatDay(props.reviewed.reviewedOn, document.documentElement.lang || undefined),
                props.reviewed.sources.join(', '),
              )
            : state && props.listAgeDays !== null
              ? t('popupWatchlist', state.listVersion, props.listAgeDays)
              : ''}
        </span>
        <button type="button" class="link" onClick={props.onOpenOptions}>
          {t('popupOptions')}
        </button>
        <button type="button" class="link" data-testid="open-watchlist" onClick={() => props.onOpenWatchlist()}>
          {t('popupWhatIsListed')}
        </button>
      </footer>
    </>
  );
}
