/**
 * The options page's "Dismissals": every site's dismissals, to restore any. The page passes in the stored lists
 * (storage keys `suppressions:<site>`, lib/storage.ts) and writes back the list without the restored one; pages
 * open on that site follow the change and show the warnings again.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Dismissal } from '../../lib/storage';
import { DismissalList } from '../DismissalList';
import { t } from '../i18n';

export interface DismissalsApi {
  /** Every site's dismissals, by site. */
  load(): Promise<Array<[site: string, dismissals: Dismissal[]]>>;
  restore(site: string, id: string): Promise<void>;
  onChange(listener: () => void): void;
}

export function Dismissals({ api }: { api: DismissalsApi }) {
  const [sites, setSites] = useState<Array<[string, Dismissal[]]> | null>(null);
  useEffect(() => {
    const reload = () => void api.load().then(setSites);
    reload();
    api.onChange(reload);
  }, [api]);
  const shown = (sites ?? []).filter(([, list]) => list.length > 0).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-labelledby="dismissals-heading" data-testid="dismissals">
      <h2 id="dismissals-heading">{t('optionsDismissalsTitle')}</h2>
      <p class="muted">{t('optionsDismissalsIntro')}</p>
      {sites === null ? null : shown.length === 0 ? (
        <p data-testid="no-dismissals">{t('optionsDismissalsNone')}</p>
      ) : (
        shown.map(([site, list]) => (
          <section key={site} data-site={site} aria-label={site}>
            <h3>{site}</h3>
            <DismissalList
              dismissals={list}
              undoLabel={t('optionsDismissalRestore')}
              onUndo={(dismissal) => void api.restore(site, dismissal.id)}
            />
          </section>
        ))
      )}
    </section>
  );
}
