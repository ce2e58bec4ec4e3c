/**
 * Ships pdf.js's packed CMaps in the extension package (pdfjs/cmaps/, its licence included): the
 * documents page's reader worker loads them from the extension itself, never from the network, so PDFs in Chinese,
 * Japanese and Korean whose fonts use predefined encodings (UniCNS-UCS2-H, GBK-EUC-H...) read as text. A local WXT
 * module (WXT loads modules/ on its own), copying from the installed pdfjs-dist so the files match its version.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineWxtModule } from 'wxt/modules';

const PDFJS = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export default defineWxtModule({
  name: 'pdfjs-data',
  setup(wxt) {
    wxt.hook('build:publicAssets', (_, files) => {
      for (const file of readdirSync(join(PDFJS, 'cmaps'))) {
        files.push({ absoluteSrc: join(PDFJS, 'cmaps', file), relativeDest: `pdfjs/cmaps/${file}` });
      }
    });
  },
});
