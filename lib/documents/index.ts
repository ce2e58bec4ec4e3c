/** Turns a text document (saved page, text, CSV, JSON) into the blocks the engine scans, each with its location. */
import type { DocumentBlock } from './blocks';
import { csvBlocks } from './csv';
import { htmlDocumentBlocks } from './html';
import { jsonBlocks } from './json';

export type DocumentFormat = 'html' | 'text' | 'csv' | 'json';

export function formatOf(name: string, content: string): DocumentFormat {
  const lower = name.toLowerCase();
  if (/\.(html?|xhtml)$/.test(lower)) return 'html';
  if (/\.(csv|tsv)$/.test(lower)) return 'csv';
  if (/\.json$/.test(lower)) return 'json';
  if (/\.(txt|text|md)$/.test(lower)) return 'text';
  // Standard input or an unknown extension: sniff.
  const start = content.trimStart();
  if (/^<(!doctype|html|head|body|div|table|p)\b/i.test(start)) return 'html';
  if (/^[[{]/.test(start)) return 'json';
  return 'text';
}

/** Plain text: one block per line that has any, located by its line number. */
function textBlocks(text: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() !== '') blocks.push({ text: line, location: `line ${index + 1}` });
  });
  return blocks;
}

export function documentBlocks(format: DocumentFormat, content: string): DocumentBlock[] {
  switch (format) {
    case 'html':
      return htmlDocumentBlocks(content);
    case 'csv':
      return csvBlocks(content);
    case 'json':
      return jsonBlocks(content);
    case 'text':
      return textBlocks(content);
  }
}

export { csvField } from './csv';
