/**
 * Reads documents off the page's main thread (a 300-page PDF or a 50,000-row workbook would stall it): one file at a
 * time, posting each file's blocks (a pack posts one result per file inside) and progress as it goes. The bytes
 * arrive from the page and nothing is sent anywhere else; pdf.js's CMaps come from the extension's
 * own package (modules/pdfjs-data.ts puts them there).
 */

import type { PdfData } from '../../lib/documents/pdf';
import { readDocument } from '../../lib/documents/read';
import { errorMessage } from '../../lib/error-message';

const pdfData: PdfData = async (file) => {
  const response = await fetch(new URL(`/pdfjs/cmaps/${file}`, self.location.href));
  if (!response.ok) throw new Error(`${file}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
};

self.onmessage = async (event: MessageEvent<{ name: string; bytes: ArrayBuffer }>) => {
  const { name, bytes } = event.data;
  try {
    const reading = readDocument(name, new Uint8Array(bytes), {
      pdfData,
      onProgress: (file, done, total, unit) => postMessage({ kind: 'progress', file, done, total, unit }),
    });
    for await (const result of reading) postMessage({ kind: 'file', result });
  } catch (error) {
    postMessage({
      kind: 'file',
      result: { file: name, type: 'file', skipped: `cannot read: ${errorMessage(error)}` },
    });
  }
  postMessage({ kind: 'done' });
};
