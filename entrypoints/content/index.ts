/**
 * Content script: thin glue between the page and the background. Reads the page block by block, sends the text
 * to the background's engine for matching (the engine, the list and its schema never load into the page's main
 * thread), writes the warnings, follows the page as it changes, and reports the findings for the badge and popup
 * by the references the background gave them. Page text goes to the extension's own background only, which
 * matches it and keeps none of it.
 */

import { untableMatches } from '../../lib/matching/view-table';
import { packTexts, unpackMatches } from '../../lib/matching/wire';
import { listen, send } from '../../platform/content-messaging';
import { adapterFor } from '../../scanner/adapters/index';
import { PageScanner } from '../../scanner/page-scanner';
import { SHADOW_ROOT_EVENT } from '../../scanner/shadow-root-event';
import { DismissalStore } from '../../scanner/suppressions';

export default defineContentScript({
  // Not in the manifest: public/content-loader.js imports it as a module (platform/content-loading.ts says why).
  // No `matches` here: WXT would add them to host_permissions for a script registered at run time.
  registration: 'runtime',
  async main(ctx) {
    const site = location.hostname;
    const config = await send('get-scan-config', {});
    const report = (findings: number[], paused?: boolean, dismissed: Array<[number, string]> = []) => {
      send('findings-changed', {
        url: location.href,
        title: document.title.slice(0, 2_000),
        findings,
        ...(dismissed.length > 0 ? { dismissed } : {}),
        ...(paused ? { paused } : {}),
      }).catch(() => {
        // The background may be restarting; the next change sends the findings again.
      });
    };
    const dismissals = await DismissalStore.load(site);
    /** The scanner while VendorWatch runs on this site, with what stops it (pausing the site, or the script going). */
    let running: { scanner: PageScanner; stop: AbortController } | null = null;

    const startScanner = async () => {
      const stop = new AbortController();
      ctx.signal.addEventListener('abort', () => stop.abort(), { once: true, signal: stop.signal });
      const { signal } = stop;
      // Registered before anything is read: when the extension is updated or removed, or the site is paused, the
      // scan stops where it is, the observers disconnect and the warnings go.
      const scanner = new PageScanner({
        doc: document,
        signal,
        adapter: adapterFor(site),
        match: async (texts, contexts) => {
          const reply = await send('match-blocks', {
            packed: packTexts(texts),
            ...(contexts.length > 0 ? { contexts } : {}),
          });
          return unpackMatches(untableMatches(reply), texts.length);
        },
        dismissals: () => dismissals.all(),
        onDismiss: (target, choice) => dismissals.add(target, choice),
        onUndo: (id) => dismissals.remove(id),
        onWhy: (finding) => {
          void send('open-watchlist', { vendorId: finding.vendorId }).catch(() => undefined);
        },
        onFindingsChanged: (findings, dismissed) => {
          if (signal.aborted) return;
          report(
            findings.map(({ ref }) => ref),
            false,
            dismissed,
          );
        },
      });
      running = { scanner, stop };
      await scanner.start(document.body ?? document.documentElement);
    };

    /**
     * The site was paused or resumed (popup, options page or policy): the warnings already on the page go at once,
     * or the page is read again, without a reload. One change at a time, so quick toggles end in the last state.
     */
    let siteChange: Promise<void> = Promise.resolve();
    const followSite = () => {
      siteChange = siteChange
        .then(async () => {
          if (ctx.signal.aborted) return;
          const { runs } = await send('get-site-running', {});
          if (running && !runs) {
            running.stop.abort();
            running = null;
            report([], true);
          } else if (!running && runs && (await send('get-scan-config', {})).runs) {
            // get-scan-config starts the tab's record afresh, as for a new page.
            void startScanner();
          }
        })
        .catch(() => undefined);
    };

    // Undo or restore in the popup or options page, or a dismissal in another tab on this site.
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !(dismissals.key in changes)) return;
      void dismissals.reload().then(() => running?.scanner.refresh());
    };
    browser.storage.onChanged.addListener(onStorage);
    ctx.signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onStorage), { once: true });
    listen({
      rescan: () => {
        void running?.scanner.rescan();
        return null;
      },
      'sites-changed': () => {
        followSite();
        return null;
      },
      'reveal-finding': ({ index }) => {
        const target = running?.scanner.findings()[index];
        // The card opens (built first if it was waiting far from the viewport) and the pill takes focus, which tells
        // screen readers where we are; then the page brings it to the middle.
        target?.open();
        target?.host.scrollIntoView({ behavior: 'smooth', block: 'center' });
        return Boolean(target);
      },
    });
    // Shadow roots the page attaches later (see shadow-roots.content.ts, in the page's world).
    document.addEventListener(
      SHADOW_ROOT_EVENT,
      (event) => {
        const host = event.composedPath()[0];
        if (host instanceof Element) running?.scanner.shadowAttached(host);
      },
      { signal: ctx.signal },
    );
    if (!config.runs) {
      // Tell the popup this site is paused or not selected, so the switch can be turned back on.
      report([], true);
      return;
    }
    await startScanner();
  },
});
