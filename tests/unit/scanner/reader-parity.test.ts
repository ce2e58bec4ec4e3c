/**
 * The scan CLI's reader (lib/documents/html.ts, saved HTML) and the extension's (scanner/blocks.ts, a live DOM) cut
 * every corpus page into the same blocks. Hidden means the same to both: an element with the `hidden` attribute
 * and everything in it is not read (lib/documents/markup.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { htmlBlocks } from '../../../lib/documents/html';
import { BlockWalker } from '../../../scanner/blocks';

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

describe('the CLI and the extension read the same blocks', () => {
  it('has pages to compare', () => expect(pages.length).toBeGreaterThan(10));

  for (const { name, html } of pages) {
    it(name, () => {
      expect(normalise(extensionBlocks(html))).toEqual(normalise(htmlBlocks(html)));
    });
  }

  it('skips hidden elements in both', () => {
    const html = '<html><body><p hidden>Dahua IPC</p><div hidden><p>Hikvision</p></div><p>Axis</p></body></html>';
    expect(normalise(htmlBlocks(html))).toEqual(['Axis']);
    expect(normalise(extensionBlocks(html))).toEqual(['Axis']);
  });
});
