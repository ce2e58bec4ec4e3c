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

/**
 * The extension reads most blocks with one `textContent` each (a leaf: plain inline content only) and walks the rest
 * node by node; the node walk (with segments, as when a warning is placed beside its text) must give every block the
 * very same text, whitespace included, or finding offsets would point at the wrong place.
 */
describe('the extension reads a block the same way whether or not it walks every node', () => {
  const both = (root: Element, single = false) => {
    const whole = new BlockWalker(root, { single });
    whole.step();
    const walked = new BlockWalker(root, { single, segments: true });
    walked.step();
    const pairs = (walker: BlockWalker) => walker.blocks().map((block) => [block.element, block.text] as const);
    return { whole: pairs(whole), walked: pairs(walked) };
  };

  for (const { name, html } of pages) {
    it(name, () => {
      const { document } = parseHTML(html);
      const { whole, walked } = both(document.documentElement);
      expect(whole).toEqual(walked);
      for (const card of document.querySelectorAll('div, li, article')) {
        const single = both(card, true);
        expect(single.whole).toEqual(single.walked);
      }
    });
  }

  it('keeps whitespace as it is, adds a space at <br> and around attribute text, walks what is not plain', () => {
    const { document } = parseHTML(
      '<html><body><p id="leaf">\n  <b>Hik</b> <i>vision</i>\n</p><p id="br">Hik<br>vision</p>' +
        '<p id="alt">Camera<img alt="Dahua logo">IPC</p><p id="hidden">Axis <b hidden>Dahua</b> camera</p>' +
        '<p id="span"><span>Uniview</span> IPC</p><p id="script">ZTE<script>x()</script></p>' +
        '<div id="ws">\n  </div></body></html>',
    );
    const walker = new BlockWalker(document.body);
    walker.step();
    const texts = Object.fromEntries(walker.blocks().map((block) => [block.element.id, block.text]));
    expect(texts).toEqual({
      leaf: '\n  Hik vision\n',
      br: 'Hik vision',
      alt: 'Camera Dahua logo IPC',
      hidden: 'Axis  camera',
      span: 'Uniview IPC',
      script: 'ZTE',
    });
  });
});
