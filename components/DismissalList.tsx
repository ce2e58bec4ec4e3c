/**
 * A list of dismissals, each with what was dismissed, when, why and a button to undo it: the popup shows the
 * current site's, the options page every site's, the Check documents page each file's. Page-derived text is rendered as text nodes.
 */
import type { Dismissal } from '../lib/storage';
import { t } from './i18n';

function scopeText(dismissal: Dismissal, place: 'site' | 'file'): string {
  switch (dismissal.scope) {
    case 'item':
      return t('dismissScopeItem', dismissal.itemText || dismissal.evidence);
    case 'vendor':
      return place === 'file' ? t('dismissScopeVendorFile') : t('dismissScopeVendor');
    case 'evidence':
      return t('dismissScopeEvidence', dismissal.evidence);
  }
}

/** The day and time a dismissal was made, in the reader's language. */
function when(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return date.toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function DismissalList(props: {
  dismissals: readonly Dismissal[];
  /** The label of each entry's button ("Undo" in the popup, "Restore" in the options page). */
  undoLabel: string;
  /** Where a dismissal applies: a site (pages), or a file (the Check documents page). */
  place?: 'site' | 'file';
  onUndo(dismissal: Dismissal): void;
}) {
  return (
    <ul class="dismissals">
      {props.dismissals.map((dismissal) => (
        <li
          key={dismissal.id}
          data-dismissal={dismissal.id}
          data-vendor={dismissal.vendorId}
          data-scope={dismissal.scope}
        >
          <strong>{dismissal.vendorName}</strong>: {scopeText(dismissal, props.place ?? 'site')}
          <div class="muted">
            {t('dismissedOn', when(dismissal.at))}
            {dismissal.reason ? ` · ${t('dismissReasonLine', dismissal.reason)}` : ''}
          </div>
          <button type="button" class="undo" onClick={() => props.onUndo(dismissal)}>
            {props.undoLabel}
          </button>
        </li>
      ))}
    </ul>
  );
}
