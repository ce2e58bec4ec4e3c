/**
 * The scan CLI's reader (lib/documents/html.ts, saved HTML) and the extension's (scanner/blocks.ts, a live DOM) cut
 * every corpus page into the same blocks. Hidden means the same to both: an element with the `hidden` attribute
 * and everything in it is not read (lib/documents/markup.ts). Table cells get the same context from both (their
 * column's header and the rest of their row: lib/documents/table-context.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { htmlDocumentBlocks } from '../../../lib/documents/html';
import { BlockWalker } from '../../../scanner/blocks';
import { TableContexts } from '../../../scanner/table-cells';

const DIRS = [
  ...['pages', 'sites', 'dynamic'].map((dir) => new URL(`../../fixtures/${dir}/`, import.meta.url)),
  new URL('../../../demo/', import.meta.url),
];
const pages = DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.html'))
    .map((file) => ({
      name: `${dir.pathname.split('/').at(-2)}/${file}`,
      html: readFileSync(new URL(file, dir), 'utf8'),
    })),
);

const normalise = (texts: string[]) =>
  texts
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .sort();

function extensionBlocks(html: string): string[] {
  const { document } = parseHTML(html);
  const walker = new BlockWalker(document.documentElement);
  walker.step();
  return walker.blocks().map((block) => block.text);
}

/** Every block's table context, keyed by its text, from the extension's reader. */
function extensionContexts(html: string) {
  const { document } = parseHTML(html);
  const walker = new BlockWalker(document.documentElement);
  walker.step();
  const tables = new TableContexts();
  return walker
    .blocks()
    .flatMap((block) => {
      const context = tables.of(block.element, block.text);
      return context ? [JSON.stringify([block.text.replace(/\s+/g, ' ').trim(), context])] : [];
    })
    .sort();
}
const cliContexts = (html: string) =>
  htmlDocumentBlocks(html)
    .flatMap((block) => (block.context ? [JSON.stringify([block.text, block.context])] : []))
    .sort();

describe('the CLI and the extension give table cells the same context', () => {
  for (const { name, html } of pages) {
    it(name, () => {
      expect(extensionContexts(html)).toEqual(cliContexts(html));
    });
  }

  it('has tables with context to compare', () => {
    const tender = pages.find((page) => page.name.endsWith('tender-lot-table.html'))!;
    expect(cliContexts(tender.html)).toEqual(
      expect.arrayContaining([
        JSON.stringify([
          'EG25-G',
          {
            header: 'Part number',
            item: [
              { text: '4.1', header: 'Line' },
              { text: 'Quectel', header: 'Manufacturer' },
              { text: '40', header: 'Qty' },
            ],
          },
        ]),
        JSON.stringify([
          'PD785',
          {
            header: 'Model',
            item: [
              { text: 'Hytera', header: 'Brand' },
              { text: 'UHF 400–470 MHz', header: 'Band' },
            ],
          },
        ]),
      ]),
    );
  });
});

describe('the CLI and the extension read the same blocks', () => {
  it('has pages to compare', () => expect(pages.length).toBeGreaterThan(10));

  for (const { name, html } of pages) {
    it(name, () => {
      expect(normalise(extensionBlocks(html))).toEqual(normalise(htmlDocumentBlocks(html).map((block) => block.text)));
    });
  }

  it('skips hidden elements in both', () => {
    const html = '<html><body><p hidden>Dahua IPC</p><div hidden><p>Hikvision</p></div><p>Axis</p></body></html>';
    expect(normalise(htmlDocumentBlocks(html).map((block) => block.text))).toEqual(['Axis']);
    expect(normalise(extensionBlocks(html))).toEqual(['Axis']);
  });
});
