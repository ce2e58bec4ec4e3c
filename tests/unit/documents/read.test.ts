/**
 * The document reader on real documents generated in the test run (tests/support/documents.ts): every format's
 * blocks and locations, spreadsheet header context, ZIP packs, and the hostile cases (zip bombs, billion laughs,
 * deep nesting, huge PDFs, encrypted and corrupt files), each of which must end quickly with a one-line reason
 * while the rest is still read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlDocumentBlocks } from '../../../lib/documents/html';
import { type FileRead, type ReadOptions, readDocument } from '../../../lib/documents/read';
import { scanBlocks } from '../../../lib/documents/scan';
import { createEngine } from '../../../lib/engine/index';
import { loadWatchlist } from '../../../lib/watchlist/index';
import {
  BILLION_LAUGHS_DOCTYPE,
  layoutPdf,
  makeCompoundFile,
  makeDocx,
  makeOdp,
  makeOds,
  makeOdt,
  makePdf,
  makePptx,
  makeXlsx,
  makeZip,
  makeZipBomb,
  markZipEncrypted,
  type PdfText,
} from '../../support/documents';

const engine = createEngine(
  loadWatchlist(JSON.parse(readFileSync(new URL('../../../public/watchlist.json', import.meta.url), 'utf8'))),
);

async function readAll(file: string, bytes: Uint8Array, options?: ReadOptions): Promise<FileRead[]> {
  const out: FileRead[] = [];
  for await (const result of readDocument(file, bytes, options)) out.push(result);
  return out;
}

async function readOne(file: string, bytes: Uint8Array, options?: ReadOptions): Promise<FileRead> {
  const [result] = await readAll(file, bytes, options);
  return result!;
}

const blocksOf = async (file: string, bytes: Uint8Array) => (await readOne(file, bytes)).read?.blocks ?? [];

const TABLE = [
  ['Item', 'Manufacturer', 'Model'],
  ['1', 'Hikvision', 'DS-2CD2143G2-I'],
  ['2', 'Axis', 'P3245-V'],
];

describe('documents: formats, blocks and locations', () => {
  it('PDF: lines joined into paragraphs, a table row kept as one block, the page as location', async () => {
    const pdf = layoutPdf(
      [
        'Lot 2: supply of network video recorders and cameras for the depot, to be installed by the contractor within twelve weeks of award',
        TABLE[0]!,
        TABLE[1]!,
      ],
      60,
    );
    const result = await readOne('spec.pdf', pdf);
    expect(result.type).toBe('PDF');
    expect(result.read?.extent).toBe('1 page');
    expect(result.read?.blocks).toEqual([
      {
        text: 'Lot 2: supply of network video recorders and cameras for the depot, to be installed by the contractor within twelve weeks of award',
        location: 'page 1',
      },
      {
        text: 'Item | Manufacturer | Model',
        location: 'page 1',
        cells: [
          { start: 0, location: 'page 1' },
          { start: 7, location: 'page 1' },
          { start: 22, location: 'page 1' },
        ],
      },
      {
        text: '1 | Hikvision | DS-2CD2143G2-I',
        location: 'page 1',
        cells: [
          { start: 0, location: 'page 1', header: 'Item' },
          { start: 4, location: 'page 1', header: 'Manufacturer' },
          { start: 16, location: 'page 1', header: 'Model' },
        ],
      },
    ]);
  });

  it('PDF: pages in order, each finding located on its page; a word split at a hyphen across lines is rejoined', async () => {
    const page = (text: string): PdfText[] => [{ x: 50, y: 700, text }];
    const pdf = makePdf([
      page('General conditions'),
      page('Cameras: Dahua'),
      [
        { x: 50, y: 700, text: 'Recorder model DS-7608NI-' },
        { x: 50, y: 686, text: 'K2 or equivalent' },
      ],
    ]);
    const result = await readOne('itt.pdf', pdf);
    expect(result.read?.extent).toBe('3 pages');
    expect(result.read?.blocks.map((b) => `${b.location}: ${b.text}`)).toEqual([
      'page 1: General conditions',
      'page 2: Cameras: Dahua',
      'page 3: Recorder model DS-7608NI-K2 or equivalent',
    ]);
    const rows = scanBlocks(engine, 'itt.pdf', result.read!.blocks);
    expect(rows.map((r) => [r.location, r.evidence])).toEqual([
      ['page 2', 'Dahua'],
      ['page 3', 'DS-7608NI-K2'],
    ]);
  });

  it('Word: paragraphs (runs joined) and table rows, with "paragraph n" and cell locations under the header', async () => {
    const docx = makeDocx(['Tender for CCTV', TABLE, 'Radios: Hytera PD785'], {
      bodyXml:
        '<w:p><w:r><w:instrText>HYPERLINK "huawei.com"</w:instrText></w:r><w:r><w:t>Deleted: </w:t></w:r><w:del><w:r><w:delText>Huawei</w:delText></w:r></w:del></w:p>',
    });
    const result = await readOne('spec.docx', docx);
    expect(result.type).toBe('Word');
    expect(result.read?.extent).toBe('3 paragraphs, 1 table');
    const blocks = result.read!.blocks;
    expect(blocks.map((b) => [b.location, b.text])).toEqual([
      ['paragraph 1', 'Tender for CCTV'],
      ['table 1, row 1', 'Item | Manufacturer | Model'],
      ['table 1, row 2', '1 | Hikvision | DS-2CD2143G2-I'],
      ['table 1, row 3', '2 | Axis | P3245-V'],
      ['paragraph 2', 'Radios: Hytera PD785'],
      // Field codes and deleted revisions are not the document's text.
      ['paragraph 3', 'Deleted:'],
    ]);
    expect(blocks[2]!.cells?.map((c) => [c.location, c.header])).toEqual([
      ['table 1, row 2, cell 1', 'Item'],
      ['table 1, row 2, cell 2', 'Manufacturer'],
      ['table 1, row 2, cell 3', 'Model'],
    ]);
    const rows = scanBlocks(engine, 'spec.docx', blocks);
    expect(rows.map((r) => [r.location, r.evidence])).toEqual(
      expect.arrayContaining([
        ['table 1, row 2, cell 2', 'Hikvision'],
        ['table 1, row 2, cell 3', 'DS-2CD2143G2-I'],
        ['paragraph 2', 'Hytera'],
      ]),
    );
  });

  it('Excel: one block per row, cells "Sheet!B12" under the header row (a title row above it is skipped)', async () => {
    const xlsx = makeXlsx({
      Summary: [['Tender 42']],
      'Bill of quantities': [
        ['Bill of quantities'],
        ['Item', 'Manufacturer', 'Model', 'Qty'],
        [1, 'Quectel', 'EC25-E', 40],
        [2, '', 'DS-7608NI-K2', 2],
      ],
    });
    const result = await readOne('boq.xlsx', xlsx);
    expect(result.type).toBe('Excel');
    expect(result.read?.extent).toBe('2 sheets, 5 rows');
    const blocks = result.read!.blocks;
    expect(blocks.map((b) => [b.location, b.text])).toEqual([
      ['Summary, row 1', 'Tender 42'],
      ["'Bill of quantities', row 1", 'Bill of quantities'],
      ["'Bill of quantities', row 2", 'Item | Manufacturer | Model | Qty'],
      ["'Bill of quantities', row 3", '1 | Quectel | EC25-E | 40'],
      ["'Bill of quantities', row 4", '2 | DS-7608NI-K2 | 2'],
    ]);
    // The empty manufacturer cell is left out, and the model keeps its own column's header.
    expect(blocks[4]!.cells).toEqual([
      { start: 0, location: "'Bill of quantities'!A4", header: 'Item' },
      { start: 4, location: "'Bill of quantities'!C4", header: 'Model' },
      { start: 19, location: "'Bill of quantities'!D4", header: 'Qty' },
    ]);
    const rows = scanBlocks(engine, 'boq.xlsx', blocks);
    expect(rows.map((r) => [r.location, r.evidence])).toEqual(
      expect.arrayContaining([
        ["'Bill of quantities'!B3", 'Quectel'],
        ["'Bill of quantities'!C3", 'EC25-E'],
      ]),
    );
  });

  it('PowerPoint: text boxes located by slide, in presentation order', async () => {
    const result = await readOne('deck.pptx', makePptx([['Our proposal'], ['Core network: Huawei', 'Access: ZTE']]));
    expect(result.read?.extent).toBe('2 slides');
    expect(result.read?.blocks.map((b) => [b.location, b.text])).toEqual([
      ['slide 1', 'Our proposal'],
      ['slide 2', 'Core network: Huawei'],
      ['slide 2', 'Access: ZTE'],
    ]);
  });

  it('OpenDocument text, spreadsheet (repeated empty rows only counted) and presentation', async () => {
    const odt = await readOne('spec.odt', makeOdt(['Radios:  Hytera PD785', TABLE]));
    expect(odt.type).toBe('OpenDocument text');
    expect(odt.read?.blocks.map((b) => [b.location, b.text])).toEqual([
      ['paragraph 1', 'Radios: Hytera PD785'],
      ['table 1, row 1', 'Item | Manufacturer | Model'],
      ['table 1, row 2', '1 | Hikvision | DS-2CD2143G2-I'],
      ['table 1, row 3', '2 | Axis | P3245-V'],
    ]);
    const ods = await readOne('boq.ods', makeOds({ Assets: TABLE }, 1_048_000));
    expect(ods.read?.extent).toBe('1 sheet, 3 rows');
    expect(ods.read?.blocks[1]?.cells?.map((c) => [c.location, c.header])).toEqual([
      ['Assets!A2', 'Item'],
      ['Assets!B2', 'Manufacturer'],
      ['Assets!C2', 'Model'],
    ]);
    const odp = await readOne('deck.odp', makeOdp([['Intro'], ['ZTE F660']]));
    expect(odp.read?.blocks.map((b) => [b.location, b.text])).toEqual([
      ['slide 1', 'Intro'],
      ['slide 2', 'ZTE F660'],
    ]);
  });

  it('text formats keep their own locations: line numbers for text and HTML, cells for CSV, paths for JSON', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    expect(await blocksOf('notice.txt', encode('Intro\n\nHikvision cameras\n'))).toEqual([
      { text: 'Intro', location: 'line 1' },
      { text: 'Hikvision cameras', location: 'line 3' },
    ]);
    const html = await blocksOf(
      'notice.html',
      encode('<html>\n<body>\n<h1>Lot 1</h1>\n<p>Supply of <b>Dahua</b>\ncameras</p>\n</body></html>'),
    );
    expect(html.map((b) => [b.location, b.text])).toEqual([
      ['line 3', 'Lot 1'],
      ['line 4', 'Supply of Dahua cameras'],
    ]);
    const csv = await blocksOf('boq.csv', encode('maker,model\nHikvision,DS-2CD2143G2-I\n'));
    expect(csv[1]!.cells).toEqual([
      { start: 0, location: 'A2', header: 'maker' },
      { start: 12, location: 'B2', header: 'model' },
    ]);
    const json = await blocksOf('c.json', encode(JSON.stringify({ items: [{ brand: 'Quectel' }] })));
    expect(json).toEqual([{ text: 'Quectel', location: '$.items[0]' }]);
  });

  it('ZIP packs: every supported file inside, recursively, named pack.zip/Lot 2/spec.pdf; images counted, not read', async () => {
    const pack = makeZip({
      'Lot 2/spec.pdf': layoutPdf(['Cameras by Dahua']),
      'Lot 2/boq.xlsx': makeXlsx({ BoQ: TABLE }),
      'Lot 2/drawing.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      '__MACOSX/Lot 2/._spec.pdf': 'resource fork',
      'annex.zip': makeZip({ 'notice.txt': 'Quectel modules' }),
    });
    const results = await readAll('pack.zip', pack);
    expect(results.map((r) => [r.file, r.type, r.read?.extent ?? r.skipped])).toEqual([
      ['pack.zip/Lot 2/spec.pdf', 'PDF', '1 page'],
      ['pack.zip/Lot 2/boq.xlsx', 'Excel', '1 sheet, 3 rows'],
      ['pack.zip/annex.zip/notice.txt', 'TEXT', '1 line'],
      ['pack.zip/annex.zip', 'ZIP pack', '1 entry read'],
      ['pack.zip', 'ZIP pack', '3 entries read'],
    ]);
    expect(results.at(-1)!.read?.notes).toEqual(['1 other file (images, drawings...) not read']);
    const findings = results.flatMap((r) => scanBlocks(engine, r.file, r.read?.blocks ?? []));
    expect(findings.map((f) => `${f.file} ${f.location}: ${f.evidence}`)).toEqual(
      expect.arrayContaining([
        'pack.zip/Lot 2/spec.pdf page 1: Dahua',
        'pack.zip/Lot 2/boq.xlsx BoQ!B2: Hikvision',
        'pack.zip/annex.zip/notice.txt line 1: Quectel',
      ]),
    );
  });

  it('reports progress through a long PDF page by page', async () => {
    const seen: string[] = [];
    const pdf = makePdf(Array.from({ length: 5 }, (_, i) => [{ x: 50, y: 700, text: `Page ${i + 1}` }]));
    await readAll('long.pdf', pdf, {
      onProgress: (file, done, total, unit) => seen.push(`${file} ${unit} ${done}/${total}`),
    });
    expect(seen).toEqual([
      'long.pdf page 0/5',
      'long.pdf page 1/5',
      'long.pdf page 2/5',
      'long.pdf page 3/5',
      'long.pdf page 4/5',
      'long.pdf page 5/5',
    ]);
  });
});

describe('documents: the PDF and Word versions of a notice give the findings of its HTML version', () => {
  const notices = ['find-a-tender-cctv.html', 'ted-notice-radios.html', 'sam-gov-889.html'];
  const key = (r: { vendor: string; evidence: string; kind: string; verdict: string }) =>
    `${r.vendor} | ${r.evidence} | ${r.kind} | ${r.verdict}`;

  it.each(notices)('%s', async (name) => {
    const html = readFileSync(new URL(`../../corpus/${name}`, import.meta.url), 'utf8');
    const fromHtml = scanBlocks(engine, name, await blocksOf(name, new TextEncoder().encode(html)));
    expect(fromHtml.length).toBeGreaterThan(0);
    // The notice as a word processor would print and save it: the same paragraphs, wrapped onto lines and pages.
    const paragraphs = htmlDocumentBlocks(html).map((block) => block.text);
    const pdf = scanBlocks(engine, 'notice.pdf', await blocksOf('notice.pdf', layoutPdf(paragraphs)));
    const docx = scanBlocks(engine, 'notice.docx', await blocksOf('notice.docx', makeDocx(paragraphs)));
    expect(pdf.map(key).sort()).toEqual(fromHtml.map(key).sort());
    expect(docx.map(key).sort()).toEqual(fromHtml.map(key).sort());
  });
});

describe('documents: hostile and broken files end with a one-line reason, and the rest is still read', () => {
  const small = { maxEntryBytes: 2 * 1024 * 1024, maxTotalBytes: 3 * 1024 * 1024 };

  it('a zip bomb stops at the per-entry cap, whatever its headers claim', async () => {
    const results = await readAll('bomb.zip', makeZipBomb(16), { limits: small });
    expect(results[0]).toEqual({
      file: 'bomb.zip/bomb.txt',
      type: 'file',
      skipped: 'decompresses to more than 2 MB (zip bomb?); not read',
    });
  });

  it('a pack of many moderate entries stops at the pack total; entries before the cap are read', async () => {
    const entry = new Uint8Array(1024 * 1024).fill(0x41);
    const pack = makeZip({ 'a.txt': 'Hikvision', 'b.txt': entry, 'c.txt': entry, 'd.txt': entry, 'e.txt': entry });
    const results = await readAll('pack.zip', pack, { limits: small });
    expect(results[0]!.read?.blocks[0]?.text).toBe('Hikvision');
    expect(results.some((r) => r.skipped?.includes('the pack decompresses to more than 3 MB'))).toBe(true);
    expect(results.at(-1)!.read?.notes[0]).toMatch(/^stopped: the pack decompresses to more than the limit/);
  });

  it('caps the number of entries, and the nesting of packs', async () => {
    const many = makeZip(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.txt`, 'x'])));
    expect((await readOne('many.zip', many, { limits: { maxEntries: 20 } })).skipped).toBe(
      'too many entries (30; the limit is 20)',
    );
    let nested = makeZip({ 'deep.txt': 'Dahua' });
    for (let i = 0; i < 5; i++) nested = makeZip({ [`level${i}.zip`]: nested });
    const results = await readAll('nested.zip', nested, { limits: { maxDepth: 3 } });
    expect(results.find((r) => r.skipped)?.skipped).toBe('packs nested more than 3 deep; not read');
    expect(results.at(-1)!.file).toBe('nested.zip');
  });

  it('billion laughs: entities are never expanded, so the file is read at once and its text still found', async () => {
    const docx = makeDocx(['Hikvision &lol9;'], { doctype: BILLION_LAUGHS_DOCTYPE });
    const started = performance.now();
    const blocks = await blocksOf('laughs.docx', docx);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(blocks[0]!.text.length).toBeLessThan(100);
    expect(scanBlocks(engine, 'laughs.docx', blocks).map((r) => r.evidence)).toEqual(['Hikvision']);
  });

  it('element nesting beyond the cap is refused', async () => {
    const deep = `${'<w:r>'.repeat(400)}${'</w:r>'.repeat(400)}`;
    const result = await readOne('deep.docx', makeDocx(['x'], { bodyXml: deep }));
    expect(result.skipped).toBe('word/document.xml nests elements more than 256 deep; not read');
  });

  it('a 10,000-page PDF is read up to the page cap, and says so', async () => {
    const pages = Array.from({ length: 10_000 }, (_, i) => [{ x: 50, y: 700, text: i === 1 ? 'Dahua' : `p${i}` }]);
    const result = await readOne('huge.pdf', makePdf(pages), { limits: { maxPages: 20 } });
    expect(result.read?.extent).toBe('20 pages');
    expect(result.read?.notes).toEqual(['read the first 20 pages of 10,000 (limit); the rest was not read']);
    expect(result.read?.blocks[1]).toEqual({ text: 'Dahua', location: 'page 2' });
  });

  it('a workbook is read up to the cell cap', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`Item ${i}`, 'Hikvision']);
    const result = await readOne('big.xlsx', makeXlsx({ S: rows }), { limits: { maxCells: 20 } });
    expect(result.read?.blocks.length).toBe(10);
    expect(result.read?.notes).toEqual(['stopped at 20 cells (limit); the rest was not read']);
  });

  it('encrypted, scanned, corrupt, truncated and legacy files each get their own reason', async () => {
    const docx = makeDocx(['Hikvision']);
    const cases: Array<[string, Uint8Array, string]> = [
      [
        'locked.pdf',
        makePdf([[{ x: 1, y: 1, text: 'a' }]], { encrypted: true }),
        'encrypted (password-protected PDF); remove the password and try again',
      ],
      [
        'scan.pdf',
        makePdf([[], []], { imageOnly: true }),
        'no text layer: scanned image; run text recognition (OCR) on it and scan the result',
      ],
      [
        'broken.pdf',
        new TextEncoder().encode('%PDF-1.7\n garbage that is not a PDF body'),
        'corrupt or damaged PDF (not readable)',
      ],
      ['truncated.docx', docx.subarray(0, docx.length - 40), 'corrupt or truncated ZIP archive (no central directory)'],
      [
        'locked.docx',
        makeCompoundFile(true),
        'encrypted (password-protected Office file); remove the password, save it and try again',
      ],
      [
        'old.doc',
        makeCompoundFile(),
        'Word 97-2003 (.doc) is a legacy format; open it in Office or LibreOffice and save as .docx',
      ],
      [
        'old.xls',
        makeCompoundFile(),
        'Excel 97-2003 (.xls) is a legacy format; open it in Office or LibreOffice and save as .xlsx',
      ],
      ['photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]), 'PNG images have no text to scan'],
      // Renamed or damaged beyond recognition: never read as text and reported as "no findings".
      [
        'renamed.docx',
        new TextEncoder().encode('Hikvision, but not a Word file'),
        'not a valid Word file (damaged, or not what its name says)',
      ],
      [
        'renamed.xlsx',
        new TextEncoder().encode('a,b\n1,2'),
        'not a valid Excel file (damaged, or not what its name says)',
      ],
      ['pack.zip', new TextEncoder().encode('Dahua'), 'not a valid ZIP pack file (damaged, or not what its name says)'],
      [
        'notes.pdf',
        new TextEncoder().encode('Huawei, a text file'),
        'not a valid PDF file (damaged, or not what its name says)',
      ],
    ];
    for (const [name, bytes, reason] of cases)
      expect([name, (await readOne(name, bytes)).skipped]).toEqual([name, reason]);
    const pack = markZipEncrypted(makeZip({ 'secret.txt': 'Dahua' }));
    const results = await readAll('locked.zip', pack);
    expect(results[0]!.skipped).toBe('encrypted (password-protected); remove the password and try again');
    expect(results.at(-1)!.read?.extent).toBe('0 entries read, 1 skipped');
  });

  it('a damaged file inside a pack does not stop the others', async () => {
    const pack = makeZip({ 'a-broken.pdf': new TextEncoder().encode('%PDF-1.4 nothing'), 'b.txt': 'ZTE routers' });
    const results = await readAll('pack.zip', pack);
    expect(results.map((r) => [r.file, r.skipped ?? r.read?.extent])).toEqual([
      ['pack.zip/a-broken.pdf', 'corrupt or damaged PDF (not readable)'],
      ['pack.zip/b.txt', '1 line'],
      ['pack.zip', '1 entry read, 1 skipped'],
    ]);
  });
});
