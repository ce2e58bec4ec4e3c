/**
 * pdf.js's packed CMaps for the CLI, read from the installed pdfjs-dist (the same files the extension ships in its
 * package), so Chinese, Japanese and Korean PDFs read offline.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PdfData } from '../lib/documents/pdf';

const CMAPS = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps');

export const nodePdfData: PdfData = async (file) => {
  if (file.includes('/') || file.includes('\\')) throw new Error(`not a CMap file name: ${file}`);
  return new Uint8Array(await readFile(join(CMAPS, file)));
};
