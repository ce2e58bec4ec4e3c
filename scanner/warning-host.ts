/**
 * Creates the host element for one inline warning. The host carries the public contract
 * (`data-vendorwatch-vendor`, `data-vendorwatch-evidence`); its inside lives in a shadow root so page CSS
 * cannot restyle it. Inline `!important` styles on the host beat page rules that try to hide it.
 *
 * We do not use WXT's createShadowRootUi: it fetches the entrypoint CSS on every call, far too heavy for
 * hundreds of per-card warnings. Content scripts cannot define custom elements (`customElements` is null in
 * Chromium's isolated world, https://crbug.com/390807; Firefox: https://bugzilla.mozilla.org/show_bug.cgi?id=1492002),
 * so the host is an undefined autonomous element name, which still supports attachShadow
 * (https://dom.spec.whatwg.org/#dom-element-attachshadow: valid custom element names may have a shadow root).
 */
import { h, hydrate, render } from 'preact';
import { compactWarning, Warning, type WarningProps } from '../components/Warning';
import { WARNING_CSS } from '../components/warning-styles';
import { styleShadowRoot } from '../platform/quirks/shadow-styles';
import { markOwnWarning, WARNING_HOST_TAG } from './blocks';

/**
 * Every property of the host that can hide it, shrink it, move it away, let something cover it or let clicks pass
 * through is pinned inline with !important (inline !important beats page stylesheets and animations). `position:
 * relative` with the top z-index keeps an overlay of the same stacking context (a parent's `::after`) below the
 * pill; relative with `inset: auto` moves nothing. Text spacing (letter-, word-spacing, line-height) is deliberately
 * not pinned, here or in the shadow root: people's own spacing overrides reach the warning only by inheritance
 * through the host, and WCAG 1.4.12 needs them to work (axe's `avoid-inline-spacing` flags inline !important
 * spacing). A page that squeezes the text still leaves a box, and `isVisible` checks the box after placement.
 */
const HOST_STYLE =
  'display: inline !important; visibility: visible !important; opacity: 1 !important; ' +
  'position: relative !important; inset: auto !important; z-index: 2147483647 !important; ' +
  'transform: none !important; translate: none !important; rotate: none !important; scale: none !important; ' +
  'clip-path: none !important; clip: auto !important; filter: none !important; backdrop-filter: none !important; ' +
  'mask: none !important; -webkit-mask: none !important; mix-blend-mode: normal !important; zoom: 1 !important; ' +
  'margin: 0 4px !important; vertical-align: baseline !important; pointer-events: auto !important; ' +
  'content-visibility: visible !important; width: auto !important; height: auto !important; ' +
  'overflow: visible !important;';

/**
 * Closed in release builds: page script cannot reach in and rewrite a warning ("not restricted"). The end-to-end
 * build (`--mode e2e`) keeps it open so the tests can read and click the pill from the page.
 */
const SHADOW_MODE: ShadowRootMode = import.meta.env?.MODE === 'e2e' ? 'open' : 'closed';

export interface MountedWarning {
  host: HTMLElement;
  /** Whether the pill is built: a warning far from the viewport waits as a bare host (see reveal.ts). */
  readonly built: boolean;
  /** Builds the pill inside the host, once. */
  build(): void;
  /** The pill's box on screen (the shadow root is closed, so only we can measure it), or null before it renders. */
  pillBox(): DOMRect | null;
  /** Opens the card (the popup's "show me" on a finding), building it first; focus goes to the pill. */
  open(): void;
  remove(): void;
}

/** Anything that can reach the pill first: the component takes over before the event gets there. */
const WAKE_EVENTS = ['focus', 'pointerdown', 'click', 'keydown'] as const;

/** Marks the host while the warning shows "Dismissed · Undo" (`item`, `vendor` or `evidence`: the scope). */
const DISMISSED_ATTRIBUTE = 'data-vendorwatch-dismissed';

/**
 * A host waiting to be built: in the page with the public attributes (so it counts, and tests and tools find it), but
 * no box and nothing inside, which costs the page no layout. Pinned like the built host so page CSS cannot show it.
 */
const WAITING_STYLE = 'display: none !important;';

/**
 * The warning's host with the public attributes and nothing inside: `build` makes the pill when it is about to be
 * seen. Everything the page can read about the warning (tag, attributes, place) is there before it is built.
 */
export function createWarning(doc: Document, given: WarningProps): MountedWarning {
  const host = doc.createElement(WARNING_HOST_TAG);
  const props: WarningProps = {
    ...given,
    ...(given.onDismiss
      ? {
          onDismiss: (choice) => {
            if (given.onUndo) host.setAttribute(DISMISSED_ATTRIBUTE, choice.scope);
            given.onDismiss?.(choice);
          },
        }
      : {}),
    ...(given.onUndo
      ? {
          onUndo: () => {
            host.removeAttribute(DISMISSED_ATTRIBUTE);
            given.onUndo?.();
          },
        }
      : {}),
  };
  host.setAttribute('data-vendorwatch-vendor', props.view.vendorId);
  host.setAttribute('data-vendorwatch-evidence', props.view.evidence);
  host.setAttribute('data-vendorwatch-verdict', props.view.verdict);
  host.setAttribute('data-vendorwatch-measures', props.view.measures.map((measure) => measure.id).join(' '));
  host.setAttribute('style', WAITING_STYLE);
  markOwnWarning(host);
  if (props.dismissed && props.onUndo) host.setAttribute(DISMISSED_ATTRIBUTE, props.dismissed.scope);
  let container: HTMLSpanElement | null = null;
  let live = false;
  const wake = () => {
    if (live || !container) return;
    live = true;
    for (const type of WAKE_EVENTS) container.removeEventListener(type, wake, true);
    hydrate(h(Warning, props), container);
  };
  const build = () => {
    if (container) return;
    // Assistive technology reads a closed root like an open one; only page script is kept out.
    const shadow = host.attachShadow({ mode: SHADOW_MODE });
    container = doc.createElement('span');
    styleShadowRoot(doc, shadow, WARNING_CSS);
    shadow.append(container);
    if (props.dismissed && props.onUndo) {
      // "Dismissed · Undo" has no static form: render it.
      live = true;
      render(h(Warning, props), container);
    } else {
      // The static pill first; Preact hydrates it (same nodes, so focus stays) on the first event that reaches it.
      container.append(compactWarning(doc, props.view));
      // Capturing listeners on the container run before the pill's own, even for focus, which does not bubble.
      for (const type of WAKE_EVENTS) container.addEventListener(type, wake, true);
    }
    // Shown last: the host gets a box once, with its content in.
    host.setAttribute('style', HOST_STYLE);
  };
  const pill = () => container?.querySelector('button.pill') as HTMLButtonElement | null | undefined;
  return {
    host,
    get built() {
      return container !== null;
    },
    build,
    pillBox: () => pill()?.getBoundingClientRect() ?? null,
    open() {
      build();
      const button = pill();
      // A click wakes the component (see above) and toggles the card; only click when it is closed.
      if (button && button.getAttribute('aria-expanded') !== 'true') button.click();
      // Focus scrolls the pill into view if it is not (a background tab may not run a smooth scroll).
      button?.focus();
    },
    remove() {
      if (live && container) render(null, container);
      host.remove();
    },
  };
}
