/**
 * Runs in the page's own world, before the page's scripts: tells the content script when the page attaches an open
 * shadow root to an element, so text the page later puts there (a web component upgraded after load) is read and
 * followed too. Attaching a shadow root changes nothing a MutationObserver sees; the isolated content script cannot
 * hook the page's prototypes itself. Closed roots stay closed: the page chose to hide them.
 * Spec: https://dom.spec.whatwg.org/#dom-element-attachshadow (no mutation record is queued for it).
 */
import { SHADOW_ROOT_EVENT } from '../scanner/shadow-root-event';

export default defineContentScript({
  matches: ['<all_urls>'],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function attachShadow(this: Element, init: ShadowRootInit) {
      const root = attach.call(this, init);
      if (init.mode === 'open') {
        // After the current task: the page usually fills the root right after attaching it.
        setTimeout(() => this.dispatchEvent(new Event(SHADOW_ROOT_EVENT, { bubbles: true, composed: true })), 0);
      }
      return root;
    };
  },
});
