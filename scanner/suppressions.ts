/**
 * The user's per-site choices about findings: "dismiss this finding" and "not this vendor". Both are keyed by
 * vendor and the matched text on this site, stored locally, and survive reloads.
 */
import type { Finding } from '../lib/engine/index';

export type SuppressionReason = 'dismissed' | 'not-this-vendor';

export interface Suppression {
  vendorId: string;
  evidence: string;
  reason: SuppressionReason;
  at: string;
}

const storageKey = (site: string) => `suppressions:${site}`;

export const findingKey = (finding: Pick<Finding, 'vendorId' | 'evidence'>) =>
  `${finding.vendorId}\u0000${finding.evidence.trim().toLowerCase()}`;

export class SuppressionStore {
  private constructor(
    private readonly site: string,
    private readonly entries: Map<string, Suppression>,
  ) {}

  static async load(site: string): Promise<SuppressionStore> {
    const stored = await browser.storage.local.get(storageKey(site));
    const list = (stored[storageKey(site)] as Suppression[] | undefined) ?? [];
    return new SuppressionStore(site, new Map(list.map((entry) => [findingKey(entry), entry])));
  }

  has(finding: Finding): boolean {
    return this.entries.has(findingKey(finding));
  }

  async add(finding: Finding, reason: SuppressionReason): Promise<void> {
    const entry: Suppression = {
      vendorId: finding.vendorId,
      evidence: finding.evidence,
      reason,
      at: new Date().toISOString(),
    };
    this.entries.set(findingKey(finding), entry);
    await browser.storage.local.set({ [storageKey(this.site)]: [...this.entries.values()] });
  }
}
