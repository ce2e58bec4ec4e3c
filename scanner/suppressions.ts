/**
 * The site's dismissals as the content script sees them (lib/dismissals.ts has the rules): loaded once, followed
 * when they change elsewhere (the popup's or options page's undo, another tab), and written back when the person
 * dismisses or undoes on a card.
 */
import { type DismissChoice, type DismissTarget, newDismissal, withoutDismissal } from '../lib/dismissals';
import { type Dismissal, suppressionsItem } from '../lib/storage-item';
import { getItem, setItem } from '../platform/storage-areas';

export class DismissalStore {
  private constructor(
    private readonly site: string,
    private list: Dismissal[],
  ) {}

  static async load(site: string): Promise<DismissalStore> {
    return new DismissalStore(site, await getItem(suppressionsItem(site)));
  }

  get key(): string {
    return suppressionsItem(this.site).key;
  }

  all(): readonly Dismissal[] {
    return this.list;
  }

  /** Re-reads the stored list (it changed in another page). */
  async reload(): Promise<void> {
    this.list = await getItem(suppressionsItem(this.site));
  }

  async add(target: DismissTarget, choice: DismissChoice): Promise<Dismissal> {
    const dismissal = newDismissal({ id: crypto.randomUUID(), site: this.site, target, choice, now: new Date() });
    // Read first: another tab on the same site may have added one since this page loaded.
    await this.reload();
    this.list = [...this.list, dismissal];
    await setItem(suppressionsItem(this.site), this.list);
    return dismissal;
  }

  async remove(id: string): Promise<void> {
    await this.reload();
    this.list = withoutDismissal(this.list, id);
    await setItem(suppressionsItem(this.site), this.list);
  }
}
