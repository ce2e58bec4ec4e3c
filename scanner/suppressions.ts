/**
 * The user's per-site choices about findings: "dismiss this finding" and "not this vendor". Both are keyed by
 * vendor and the matched text on this site, stored locally (lib/storage), and survive reloads.
 */
import type { Finding } from '../lib/engine/index';
import { STORAGE, type Suppression } from '../lib/storage';
import { getItem, setItem } from '../platform/storage';

export type SuppressionReason = Suppression['reason'];

export const findingKey = (finding: Pick<Finding, 'vendorId' | 'evidence'>) =>
  `${finding.vendorId}\u0000${finding.evidence.trim().toLowerCase()}`;

export class SuppressionStore {
  private constructor(
    private readonly site: string,
    private readonly entries: Map<string, Suppression>,
  ) {}

  static async load(site: string): Promise<SuppressionStore> {
    const list = await getItem(STORAGE.suppressions(site));
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
    await setItem(STORAGE.suppressions(this.site), [...this.entries.values()]);
  }
}
