/**
 * Quirk: constructed stylesheets from a content script.
 *
 * Every warning's shadow root adopts one constructed stylesheet, so the browser parses and indexes it once instead
 * of once per warning. Two things stand in the way:
 * - A constructed sheet may only be adopted by roots in the document whose window constructed it (the sheet's
 *   "constructor document"; CSSOM: https://drafts.csswg.org/cssom/#dom-documentorshadowroot-adoptedstylesheets),
 *   so frames each get their own, made with their own window's CSSStyleSheet.
 * - Firefox content scripts see `adoptedStyleSheets` through Xray wrappers: before Firefox 101 reading it threw
 *   (https://bugzilla.mozilla.org/show_bug.cgi?id=1767819), since then its entries can come back unreadable
 *   (https://bugzilla.mozilla.org/show_bug.cgi?id=1770592). Both browsers we test adopt the sheet made with the
 *   page window's constructor (tests/e2e/foundation.e2e.ts); where adopting throws or does not take, the root
 *   gets a <style> with the same text.
 */

/** One sheet per document, or null once adopting failed there (then every root in it gets a <style>). */
const sharedSheets = new WeakMap<Document, CSSStyleSheet | null>();

function adoptSharedSheet(doc: Document, shadow: ShadowRoot, css: string): boolean {
  let sharedSheet = sharedSheets.get(doc);
  if (sharedSheet === null) return false;
  try {
    if (!sharedSheet) {
      const View = doc.defaultView as (Window & { CSSStyleSheet: typeof CSSStyleSheet }) | null;
      sharedSheet = View ? new View.CSSStyleSheet() : null;
      sharedSheet?.replaceSync(css);
      sharedSheets.set(doc, sharedSheet ?? null);
    }
    if (!sharedSheet) return false;
    shadow.adoptedStyleSheets = [sharedSheet];
    return shadow.adoptedStyleSheets.length === 1;
  } catch {
    sharedSheets.set(doc, null);
    return false;
  }
}

/** Styles `shadow` with `css`: the document's shared constructed sheet, or a <style> where that cannot be adopted. */
export function styleShadowRoot(doc: Document, shadow: ShadowRoot, css: string): void {
  if (adoptSharedSheet(doc, shadow, css)) return;
  const style = doc.createElement('style');
  style.textContent = css;
  shadow.append(style);
}
