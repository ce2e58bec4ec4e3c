/**
 * Every site adapter, in Chromium and Firefox: its fixture is served at the site's real address (through the test
 * proxy), and each product card or notice gets exactly the expected warning, placed on the card's title.
 * Adding a site: an adapter in scanner/adapters, a fixture tests/fixtures/sites/<id>.html. This test picks both up.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../scanner/adapters/index';
import { fixtureExpectations, fixtureMentions } from '../fixtures/sites/expectations';
import { BROWSERS, extensionSuite } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
const fixture = (id: string) => join(ROOT, 'tests/fixtures/sites', `${id}.html`);
/** Each card's expected vendors, as the fixture states them (tests/fixtures/sites/expectations.ts). */
const expectations = (id: string) => fixtureExpectations(parseHTML(readFileSync(fixture(id), 'utf8')).document);
/** Which flagged cards are accessories that only mention their vendor (data-expect-verdict="mention"). */
const mentions = (id: string) => fixtureMentions(parseHTML(readFileSync(fixture(id), 'utf8')).document);

describe.each(BROWSERS)('%s: site adapters', (name) => {
  const suite = extensionSuite(name, {}, { proxied: true });

  beforeAll(() => {
    for (const adapter of ADAPTERS) {
      suite.server.addVirtualPage(adapter.testUrls[0]!, fixture(adapter.id));
    }
  });

  it.each(ADAPTERS.map((adapter) => [adapter.id, adapter] as const))('%s', async (_id, adapter) => {
    const page = await suite.run.open(adapter.testUrls[0]!);
    const cards = await page.evaluate(
      (itemSelector, titleSelector) =>
        Object.fromEntries(
          [...document.querySelectorAll(itemSelector)].map((card) => {
            const hosts = [...card.querySelectorAll('vendorwatch-warning')];
            const title = card.querySelector(titleSelector);
            return [
              card.id,
              {
                vendors: hosts.map((host) => host.getAttribute('data-vendorwatch-vendor')),
                verdicts: hosts.map((host) => host.getAttribute('data-vendorwatch-verdict')),
                // The pill's tone: a mention is always quiet, never the alert style.
                tones: hosts.map((host) => host.shadowRoot?.querySelector('.vw')?.className ?? ''),
                // On the title: inside it, or right after the link that wraps it (never inside a link).
                onTitle: hosts.every(
                  (host) =>
                    title !== null &&
                    !host.closest('a') &&
                    (title.contains(host) || host.previousElementSibling?.contains(title) === true),
                ),
              },
            ];
          }),
        ),
      adapter.itemSelector,
      adapter.titleSelector,
    );
    const expected = expectations(adapter.id);
    const mentioned = mentions(adapter.id);
    for (const [id, vendors] of Object.entries(expected)) {
      expect(cards[id]?.vendors, `${adapter.id} ${id}`).toEqual(vendors);
      expect(cards[id]?.onTitle, `${adapter.id} ${id} warning placement`).toBe(true);
      if (vendors.length === 0) continue;
      // An accessory's warning is a quiet mention (Temu's junction box "Compatible with Hikvision"); the vendor's
      // own product beside it stays a finding of the vendor, never a mention.
      const verdicts = cards[id]!.verdicts;
      if (mentioned[id]) {
        expect(verdicts, `${adapter.id} ${id} verdict`).toEqual(vendors.map(() => 'mention'));
        expect(
          cards[id]!.tones.every((tone) => /\bquiet\b/.test(tone)),
          `${adapter.id} ${id} quiet`,
        ).toBe(true);
      } else {
        expect(verdicts, `${adapter.id} ${id} verdict`).not.toContain('mention');
      }
    }
    // Scripts and templates naming a vendor are never scanned: exactly the expected warnings on the page.
    const total = Object.values(expected).reduce((sum, vendors) => sum + vendors.length, 0);
    expect((await suite.run.warnings(page)).length).toBe(total);
    await page.close();
  });
});
