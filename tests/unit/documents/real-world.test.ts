/**
 * The document reader on the structures real documents have and our hand-made fixtures did not: found by running
 * the readers over public test corpora (mozilla/pdf.js test/pdfs, python-openxml/python-docx test files,
 * apache/poi test-data, SheetJS/test_files) and rebuilt here as small generated files (tests/support/documents.ts),
 * each named after the real case it stands for. No third-party file is stored in the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodePdfData } from '../../../cli/pdf-data';
import { type FileRead, type ReadOptions, readDocument } from '../../../lib/documents/read';
import { scanBlocks } from '../../../lib/documents/scan';
import { createEngine } from '../../../lib/engine/index';
import { loadWatchlist } from '../../../lib/watchlist/index';
import pdfjsData from '../../../modules/pdfjs-data';
import { makeDocx, makePdf, makeXlsx } from '../../support/documents';

const engine = createEngine(
  loadWatchlist(JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8'))),
);

async function readOne(file: string, bytes: Uint8Array, options?: ReadOptions): Promise<FileRead> {
  for await (const result of readDocument(file, bytes, options)) return result;
  throw new Error('nothing read');
}

const textOf = (result: FileRead) => result.read?.blocks.map((b) => b.text).join('\n') ?? '';
const vendorsOf = (result: FileRead) => [
  ...new Set(scanBlocks(engine, result.file, result.read?.blocks ?? []).map((f) => `${f.vendor} ${f.evidence}`)),
];

describe('PDF in Chinese with fonts that are not embedded (predefined CMaps)', () => {
  // As Taiwanese tender software writes them: MingLiU not embedded, UniCNS-UCS2-H or Big5 (ETen-B5-H) codes. The
  // pdf.js corpus has the Simplified and Japanese equivalents (issue2128r.pdf GBK-EUC-H, issue8372.pdf
  // UniGB-UTF16-H, noembed-sjis.pdf 90ms-RKSJ-H): all read as "no text layer: scanned image" without the CMaps.
  const tender = makePdf(
    [
      [
        { x: 50, y: 780, text: '本案攝影機不得為海康威視產品。' },
        { x: 50, y: 760, text: '型號 DS-2CD2143G2-I 網路攝影機' },
      ],
    ],
    { cjk: 'UniCNS-UCS2-H' },
  );

  it('reads Traditional Chinese in UniCNS-UCS2-H and Big5, and Simplified in UniGB-UCS2-H, with the CLI data', async () => {
    const uni = await readOne('tender.pdf', tender, { pdfData: nodePdfData });
    expect(textOf(uni)).toContain('本案攝影機不得為海康威視產品。');
    expect(vendorsOf(uni)).toEqual(['hikvision 海康威視', 'hikvision DS-2CD2143G2-I']);
    const big5 = await readOne(
      'spec.pdf',
      makePdf([[{ x: 50, y: 780, text: '華為 交換器 規格' }]], { cjk: 'ETen-B5-H' }),
      { pdfData: nodePdfData },
    );
    expect(textOf(big5)).toBe('華為 交換器 規格');
    expect(vendorsOf(big5)).toEqual(['huawei 華為']);
    const gb = await readOne(
      'gb.pdf',
      makePdf([[{ x: 50, y: 780, text: '海康威视 网络摄像机' }]], { cjk: 'UniGB-UCS2-H' }),
      { pdfData: nodePdfData },
    );
    expect(textOf(gb)).toBe('海康威视 网络摄像机');
  });

  it('without the CMaps says so, instead of calling the document a scanned image', async () => {
    const result = await readOne('tender.pdf', tender);
    expect(result.skipped).toBe('its text needs character maps that could not be loaded (UniCNS-UCS2-H); not read');
    const failing = await readOne('tender.pdf', tender, {
      pdfData: async () => {
        throw new Error('offline');
      },
    });
    expect(failing.skipped).toMatch(/character maps that could not be loaded/);
  });

  it('the extension ships the CMaps and standard fonts at the path its reader worker loads them from', () => {
    const files: Array<{ absoluteSrc: string; relativeDest: string }> = [];
    const wxt = {
      hook: (name: string, fn: (wxt: unknown, list: typeof files) => void) => {
        if (name === 'build:publicAssets') fn(wxt, files);
      },
    };
    (pdfjsData as unknown as { setup: (wxt: unknown) => void }).setup(wxt);
    const shipped = new Map(files.map((f) => [f.relativeDest, f.absoluteSrc]));
    for (const name of ['pdfjs/cmaps/UniCNS-UCS2-H.bcmap', 'pdfjs/cmaps/ETen-B5-H.bcmap', 'pdfjs/cmaps/LICENSE']) {
      expect(existsSync(shipped.get(name) ?? ''), name).toBe(true);
    }
    expect(shipped.has('pdfjs/standard_fonts/FoxitSymbol.pfb')).toBe(true);
    const worker = readFileSync(
      new URL('../../../entrypoints/check-documents/reader-worker.ts', import.meta.url),
      'utf8',
    );
    expect(worker).toContain(['`/pdfjs/$', "{kind === 'cmap' ? 'cmaps' : 'standard_fonts'}/$", '{file}`'].join(''));
  });
});

describe('text caps: small files that mean gigabytes of text', () => {
  it("a workbook whose cells all point at one huge shared string stops at the text cap (apache/poi's poc-shared-strings.xlsx)", async () => {
    // 110 KB on disk in POI's corpus: ~7,000 cells of one 1 MB string, 7 GB of text. Before the cap the reader copied
    // each cell's text (and the engine then scanned it), and ran out of memory.
    const huge = `Hikvision ${'f'.repeat(1024 * 1024)}`;
    const bomb = makeXlsx({ Sheet1: Array.from({ length: 3_000 }, () => [huge, huge]) });
    expect(bomb.length).toBeLessThan(200_000);
    const started = performance.now();
    const result = await readOne('poc-shared-strings.xlsx', bomb);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.read?.notes).toEqual(['stopped at 67,108,864 characters of text (limit); the rest was not read']);
    const kept = result.read!.blocks.reduce((sum, block) => sum + block.text.length, 0);
    expect(kept).toBeLessThan(70 * 1024 * 1024);
    expect(result.read!.blocks[0]!.text.startsWith('Hikvision')).toBe(true);
  });

  it('Word and PDF stop at the same cap, keeping what came before it', async () => {
    const paragraph = `Dahua ${'x'.repeat(1000)}`;
    const docx = await readOne('long.docx', makeDocx(Array.from({ length: 50 }, () => paragraph)), {
      limits: { maxTextChars: 10_000 },
    });
    expect(docx.read?.blocks.length).toBe(9);
    expect(docx.read?.notes).toEqual(['stopped at 10,000 characters of text (limit); the rest was not read']);
    const pdf = await readOne(
      'long.pdf',
      makePdf(Array.from({ length: 5 }, () => [{ x: 50, y: 700, text: `Huawei ${'y'.repeat(80)}` }])),
      { limits: { maxTextChars: 200 } },
    );
    expect(pdf.read?.extent).toBe('3 pages');
    expect(pdf.read?.notes).toEqual([
      'stopped at 200 characters of text (limit); the rest was not read (after page 3)',
    ]);
  });
});
