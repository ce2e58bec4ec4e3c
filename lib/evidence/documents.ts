/**
 * Dismissals on the Check documents page, with the same records as on pages (lib/dismissals.ts): there a dismissal
 * applies to one file (its `site` is the file's name) as on a page it applies to one site. The page hides what a
 * dismissal covers, and the evidence export keeps it, marked with the decision, when and why. Pure.
 */
import { coveringDismissal } from '../dismissals';
import type { WarningView } from '../present/warning-view';
import type { Dismissal } from '../storage';
import type { EvidenceFinding } from './report';

/** A finding in a document, as the Check documents page holds it. */
export interface DocumentFinding {
  id: number;
  location: string;
  /** The start of the block's text (the row, paragraph or cell the finding is in): its product or lot. */
  item: string;
  /** lib/dismissals itemKey of the whole block's text: what "dismiss this item" matches. */
  key: string;
  view: WarningView;
}

/** The dismissal that covers `finding` in `file`, if any. */
export function documentDismissal(
  dismissals: readonly Dismissal[],
  file: string,
  finding: DocumentFinding,
): Dismissal | undefined {
  return coveringDismissal(
    dismissals.filter((dismissal) => dismissal.site === file),
    finding.view,
    finding.key,
  );
}

/**
 * Every finding of every file for the evidence record, dismissed ones included and marked with the person's
 * decision (scope, time, reason), as the popup's export marks a page's.
 */
export function documentEvidence(
  results: ReadonlyArray<{ file: string; findings: readonly DocumentFinding[] }>,
  dismissals: readonly Dismissal[],
): EvidenceFinding[] {
  return results.flatMap(({ file, findings }) =>
    findings.map((finding): EvidenceFinding => {
      const dismissal = documentDismissal(dismissals, file, finding);
      return {
        ...finding.view,
        item: finding.item,
        file,
        location: finding.location,
        ...(dismissal
          ? {
              dismissal: {
                decision: dismissal.decision,
                scope: dismissal.scope,
                at: dismissal.at,
                ...(dismissal.reason ? { reason: dismissal.reason } : {}),
              },
            }
          : {}),
      };
    }),
  );
}
