/**
 * Dismissals as records (the schema is in lib/storage.ts): what an item is, which findings a dismissal covers, and
 * building a new one. Pure, so the content script, popup, options page and background agree on the same rules.
 */
import type { Dismissal } from './storage';

type DismissScope = Dismissal['scope'];
type Decision = Dismissal['decision'];

/** What the person chose on the card. */
export interface DismissChoice {
  scope: DismissScope;
  decision: Decision;
  reason?: string;
}

/** The parts of a finding a dismissal is matched against. */
export interface DismissTarget {
  vendorId: string;
  vendorName: string;
  evidence: string;
  /** The text of the item (block or card) the finding is in. */
  itemText: string;
}

const normalise = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A short, stable key for an item's text: whitespace and case do not matter, anything else does. 53-bit cyrb53 over
 * the normalised text; an item key only needs to tell apart the items on one site, and keeps page text out of storage.
 */
export function itemKey(text: string): string {
  const input = normalise(text);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The start of an item's text, for a person to recognise it in a list (at most 120 characters). */
export function itemExcerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}

/** True when `dismissal` covers a finding of `vendorId` with `evidence` in the item whose key is `key`. */
export function covers(dismissal: Dismissal, finding: { vendorId: string; evidence: string }, key: string): boolean {
  if (dismissal.vendorId !== finding.vendorId) return false;
  switch (dismissal.scope) {
    case 'vendor':
      return true;
    case 'item':
      return dismissal.itemKey === key;
    case 'evidence':
      return normalise(dismissal.evidence) === normalise(finding.evidence);
  }
}

/** The first dismissal in `list` that covers the finding, if any. */
export function coveringDismissal(
  list: readonly Dismissal[],
  finding: { vendorId: string; evidence: string },
  key: string,
): Dismissal | undefined {
  return list.find((dismissal) => covers(dismissal, finding, key));
}

/** The longest reason kept; the rest is cut (a reason is a note, not a document). */
export const REASON_MAX = 500;

export function newDismissal(input: {
  id: string;
  site: string;
  target: DismissTarget;
  choice: DismissChoice;
  now: Date;
}): Dismissal {
  const reason = input.choice.reason?.trim().slice(0, REASON_MAX);
  return {
    id: input.id,
    site: input.site,
    vendorId: input.target.vendorId,
    vendorName: input.target.vendorName,
    evidence: input.target.evidence.slice(0, 1_000),
    scope: input.choice.scope,
    decision: input.choice.decision,
    itemKey: itemKey(input.target.itemText),
    itemText: itemExcerpt(input.target.itemText),
    ...(reason ? { reason } : {}),
    at: input.now.toISOString(),
  };
}

/** The list with the dismissal `id` removed (undo, restore). */
export const withoutDismissal = (list: readonly Dismissal[], id: string) => list.filter((d) => d.id !== id);
