/**
 * The toolbar popup: what VendorWatch found on the current tab, grouped by vendor.
 */
import type { FindingSummary, TabState } from '../lib/messages';

export interface PopupProps {
  state: TabState | null;
  onReveal(index: number): void;
  onOpenOptions(): void;
}

interface VendorGroup {
  vendorId: string;
  vendorName: string;
  items: Array<{ finding: FindingSummary; index: number }>;
}

export function groupByVendor(findings: FindingSummary[]): VendorGroup[] {
  const groups = new Map<string, VendorGroup>();
  findings.forEach((finding, index) => {
    let group = groups.get(finding.vendorId);
    if (!group) {
      group = { vendorId: finding.vendorId, vendorName: finding.vendorName, items: [] };
      groups.set(finding.vendorId, group);
    }
    group.items.push({ finding, index });
  });
  return [...groups.values()];
}

export function Popup({ state, onReveal, onOpenOptions }: PopupProps) {
  const findings = state?.findings ?? [];
  return (
    <>
      <main>
        <h1>VendorWatch</h1>
        {!state ? (
          <p class="muted">VendorWatch has not scanned this tab (browser pages and the web store cannot be scanned).</p>
        ) : findings.length === 0 ? (
          <p data-testid="no-findings">No restricted vendors found on this page.</p>
        ) : (
          <>
            <p role="status">
              {findings.length} finding{findings.length === 1 ? '' : 's'} on this page
            </p>
            {groupByVendor(findings).map((group) => (
              <section key={group.vendorId} data-vendor={group.vendorId}>
                <h2>{group.vendorName}</h2>
                <ul>
                  {group.items.map(({ finding, index }) => (
                    <li key={index}>
                      <span class="verdict">{finding.verdictLabel}</span>:{' '}
                      <button type="button" class="link" onClick={() => onReveal(index)}>
                        “{finding.evidence}”
                      </button>
                      {finding.measures.length > 0 ? (
                        <div class="muted">
                          {finding.measures.map((m) => `${m.title} (${m.jurisdiction})`).join(' · ')}
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </main>
      <footer>
        <span class="muted">{state ? `Watchlist v${state.listVersion}` : ''}</span>
        <button type="button" class="link" onClick={onOpenOptions}>
          Options
        </button>
      </footer>
    </>
  );
}
