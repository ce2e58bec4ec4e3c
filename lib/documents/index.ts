/** Turns a document (saved page, text, CSV, JSON) into the text blocks the engine scans. */
import { csvBlocks } from './csv';
import { htmlBlocks } from './html';
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

/** Plain text: one block per paragraph-ish line. */
const textBlocks = (text: string) => text.split(/\r?\n/).filter((line) => line.trim() !== '');

export function documentBlocks(format: DocumentFormat, content: string): string[] {
  switch (format) {
    case 'html':
      return htmlBlocks(content);
    case 'csv':
      return csvBlocks(content);
    case 'json':
      return jsonBlocks(content);
    case 'text':
      return textBlocks(content);
  }
}

export { csvField } from './csv';
