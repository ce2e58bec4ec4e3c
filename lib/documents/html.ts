/**
 * Text blocks of a saved HTML page, the way the content script sees a live one: one block per table cell, list
 * item, paragraph, heading or leaf division, with inline elements joined ("<b>Hik</b>vision" is one word).
 * Scripts, styles and templates are skipped; alt, title and aria-label text counts.
 */
import { Parser } from 'htmlparser2';
import { BLOCK_TAGS, READABLE_ATTRIBUTES, SKIPPED_TAGS } from './markup';

export function htmlBlocks(html: string): string[] {
  const blocks: string[] = [];
  // A stack of open blocks; text goes to the innermost one.
  const stack: string[][] = [[]];
  let skipDepth = 0;
  const flush = (parts: string[]) => {
    const text = parts.join('').replace(/\s+/g, ' ').trim();
    if (text) blocks.push(text);
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        // htmlparser2 closes every tag it opens (void and implied ones too), so a depth counter is exact.
        if (skipDepth > 0 || SKIPPED_TAGS.has(name)) {
          skipDepth++;
          return;
        }
        if (BLOCK_TAGS.has(name)) stack.push([]);
        if (name === 'br') stack.at(-1)!.push(' ');
        for (const attribute of READABLE_ATTRIBUTES) {
          const value = attributes[attribute];
          if (value?.trim()) stack.at(-1)!.push(` ${value} `);
        }
      },
      ontext(text) {
        if (skipDepth === 0) stack.at(-1)!.push(text);
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (BLOCK_TAGS.has(name) && stack.length > 1) flush(stack.pop()!);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  while (stack.length > 0) flush(stack.pop()!);
  return blocks;
}
