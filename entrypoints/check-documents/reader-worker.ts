/**
 * Reads documents off the page's main thread (a 300-page PDF or a 50,000-row workbook would stall it): one file at a
 * time, posting each file's blocks (a pack posts one result per file inside) and progress as it goes. The bytes
 * arrive from the page and nothing is sent anywhere else.
 */
import { readDocument } from '../../lib/documents/read';
import { errorMessage } from '../../lib/error-message';

self.onmessage = async (event: MessageEvent<{ name: string; bytes: ArrayBuffer }>) => {
  const { name, bytes } = event.data;
  try {
    const reading = readDocument(name, new Uint8Array(bytes), {
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
