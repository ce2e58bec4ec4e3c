/**
 * pdf.js's data files for the CLI: its packed CMaps and standard fonts, read from the installed pdfjs-dist (the
 * same files the extension ships in its package), so Chinese, Japanese and Korean PDFs read offline.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PdfData } from '../lib/documents/pdf';

const PDFJS = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export const nodePdfData: PdfData = async (kind, file) => {
  if (file.includes('/') || file.includes('\\')) throw new Error(`not a pdf.js data file name: ${file}`);
  return new Uint8Array(await readFile(join(PDFJS, kind === 'cmap' ? 'cmaps' : 'standard_fonts', file)));
};
