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
import { makeDocx, makePdf, makeXlsx, makeZip } from '../../support/documents';

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
    // The spaces between Chinese words are layout to pdf.js (see the next test), and go.
    expect(textOf(big5)).toBe('華為交換器規格');
    expect(vendorsOf(big5)).toEqual(['huawei 華為']);
    const gb = await readOne(
      'gb.pdf',
      makePdf([[{ x: 50, y: 780, text: '海康威视 网络摄像机' }]], { cjk: 'UniGB-UCS2-H' }),
      { pdfData: nodePdfData },
    );
    expect(textOf(gb)).toBe('海康威视网络摄像机');
  });

  it('Chinese wrapped at a line end, or drawn in runs with a gap between them, joins without a space', async () => {
    const wrapped = makePdf(
      [
        [
          { x: 50, y: 780, text: '本案攝影機不得採購海康' },
          { x: 50, y: 766, text: '威視之產品。' },
          // One line drawn as two runs with a small gap (justified text), and a Latin word before Chinese.
          { x: 50, y: 700, text: '廠牌：大' },
          { x: 98, y: 700, text: '華' },
          { x: 50, y: 650, text: 'Hikvision' },
          { x: 160, y: 650, text: '海康威視' },
        ],
      ],
      { cjk: 'UniCNS-UCS2-H' },
    );
    const result = await readOne('wrapped.pdf', wrapped, { pdfData: nodePdfData });
    expect(result.read?.blocks.map((b) => b.text)).toEqual([
      '本案攝影機不得採購海康威視之產品。',
      '廠牌：大華',
      'Hikvision 海康威視',
    ]);
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

  it('the extension ships the CMaps at the path its reader worker loads them from (and no standard fonts)', () => {
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
    expect([...shipped.keys()].every((name) => name.startsWith('pdfjs/cmaps/'))).toBe(true);
    const worker = readFileSync(
      new URL('../../../entrypoints/check-documents/reader-worker.ts', import.meta.url),
      'utf8',
    );
    expect(worker).toContain(['`/pdfjs/cmaps/$', '{file}`'].join(''));
  });
});

describe('PDF forms and comments', () => {
  it("reads what a supplier typed into a bid form's fields and a reviewer's comments (pdf.js's annotation-tx.pdf, freetexts.pdf)", async () => {
    const form = makePdf([[{ x: 50, y: 780, text: 'Bid form: equipment offered' }]], {
      fields: [
        ['Manufacturer', 'Hikvision'],
        ['Model', 'DS-2CD2143G2-I'],
      ],
      comments: ['Check: is this Dahua kit?'],
    });
    const result = await readOne('bid.pdf', form);
    expect(result.read?.blocks.map((b) => [b.location, b.text])).toEqual([
      ['page 1', 'Bid form: equipment offered'],
      // In pdf.js's order (top of the page first).
      ['page 1, comment', 'Check: is this Dahua kit?'],
      ['page 1, field Manufacturer', 'Hikvision'],
      ['page 1, field Model', 'DS-2CD2143G2-I'],
    ]);
    // A form with no drawn text is not a scanned image when its fields hold text.
    const fieldsOnly = await readOne('fields.pdf', makePdf([[]], { fields: [['Supplier', 'Huawei']] }));
    expect(fieldsOnly.read?.blocks.map((b) => b.text)).toEqual(['Huawei']);
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
    expect(performance.now() - started).toBeLessThan(30_000);
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

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const rels = (items: Array<[string, string, string]>) =>
  `<Relationships xmlns="${PKG}">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${R}/${type}" Target="${target}"/>`).join('')}</Relationships>`;

describe('Office files as other writers make them', () => {
  it(".NET Open XML SDK workbooks (<x:c>, apache/poi's 59021.xlsx, a carrier's rate sheet) and Word with a default namespace", async () => {
    const workbook = makeZip({
      'xl/workbook.xml': `<x:workbook xmlns:x="${S}" xmlns:rel="${R}"><x:sheets><x:sheet name="Rates" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels': rels([['rId1', 'worksheet', 'worksheets/sheet1.xml']]),
      'xl/worksheets/sheet1.xml': `<x:worksheet xmlns:x="${S}"><x:sheetData><x:row r="1"><x:c r="A1" t="str"><x:v>Manufacturer</x:v></x:c><x:c r="B1" t="str"><x:v>Model</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:r><x:t>Hik</x:t></x:r><x:r><x:t>vision</x:t></x:r></x:is></x:c><x:c r="B2" t="str"><x:v>DS-2CD2143G2-I</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    const excel = await readOne('rates.xlsx', workbook);
    expect(excel.read?.blocks.map((b) => [b.location, b.text])).toEqual([
      ['Rates, row 1', 'Manufacturer | Model'],
      ['Rates, row 2', 'Hikvision | DS-2CD2143G2-I'],
    ]);
    const word = makeZip({
      'word/document.xml': `<document xmlns="${W}"><body><p><r><t>Supplier: Dahua</t></r></p></body></document>`,
    });
    expect((await readOne('notice.docx', word)).read?.blocks.map((b) => b.text)).toEqual(['Supplier: Dahua']);
  });

  it("part names with Windows separators and other case (apache/poi's 49609.xlsx, which Excel opens)", async () => {
    const workbook = makeZip({
      'xl\\workbook.xml': `<workbook xmlns="${S}" xmlns:r="${R}"><sheets><sheet name="Lot 1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl\\_rels\\workbook.xml.rels': rels([
        ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
        ['rId2', 'sharedStrings', 'sharedstrings.xml'],
      ]),
      'xl\\sharedstrings.xml': `<sst xmlns="${S}"><si><t>Huawei S5735-L24T4S-A</t></si></sst>`,
      'xl\\worksheets\\sheet1.xml': `<worksheet xmlns="${S}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
    });
    expect((await readOne('49609.xlsx', workbook)).read?.blocks.map((b) => b.text)).toEqual(['Huawei S5735-L24T4S-A']);
  });

  it('an Excel binary workbook, or an office name without its main part, is said to be unread (it read "0 entries")', async () => {
    const xlsb = makeZip({ 'xl/workbook.bin': new Uint8Array([1, 2, 3]), '[Content_Types].xml': '<Types/>' });
    expect((await readOne('prices.xlsb', xlsb)).skipped).toBe(
      'Excel binary workbook (.xlsb) is not supported; open it in Excel or LibreOffice and save as .xlsx',
    );
    // apache/poi's stress025.docx: a theme package named .docx.
    const theme = makeZip({ 'theme/theme/theme1.xml': '<a:theme/>', '[Content_Types].xml': '<Types/>' });
    expect((await readOne('stress025.docx', theme)).skipped).toBe('not a valid Word file (its main part is missing)');
    // A real pack is still a pack.
    expect((await readOne('pack.zip', makeZip({ 'a.txt': 'x' }))).file).toBe('pack.zip/a.txt');
  });

  it('Word: non-breaking hyphens inside a model number, revisions, and text boxes read once', async () => {
    const docx = makeDocx([], {
      bodyXml: [
        // Ctrl+Shift+- in Word: the hyphens of "DS-2CD2143G2-I" are elements, not characters.
        '<w:p><w:r><w:t>Camera DS</w:t></w:r><w:r><w:noBreakHyphen/><w:t>2CD2143G2</w:t><w:noBreakHyphen/><w:t>I</w:t></w:r></w:p>',
        // A deleted run (some writers use w:t inside w:del), an inserted one, and a move.
        '<w:p><w:r><w:t>Brand: </w:t></w:r><w:del w:id="1"><w:r><w:t>Dahua</w:t></w:r></w:del><w:ins w:id="2"><w:r><w:t>Axis</w:t></w:r></w:ins></w:p>',
        '<w:p><w:moveFrom w:id="3"><w:r><w:t>Hytera PD785</w:t></w:r></w:moveFrom></w:p>',
        '<w:p><w:moveTo w:id="4"><w:r><w:t>Radios: Hytera PD785</w:t></w:r></w:moveTo></w:p>',
        // A text box as Word writes it: the DrawingML shape and its VML fallback hold the same paragraphs.
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Huawei AR6120</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Huawei AR6120</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>',
      ].join(''),
    });
    expect((await readOne('spec.docx', docx)).read?.blocks.map((b) => b.text)).toEqual([
      'Camera DS-2CD2143G2-I',
      'Brand: Axis',
      'Radios: Hytera PD785',
      'Huawei AR6120',
    ]);
  });

  it('PowerPoint: a slide\'s speaker notes are read, located "slide n, notes"', async () => {
    const deck = makeZip({
      'ppt/presentation.xml': `<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:r="${R}"><p:sldIdLst><p:sldId id="256" r:id="rId1"/></p:sldIdLst></p:presentation>`,
      'ppt/_rels/presentation.xml.rels': rels([['rId1', 'slide', 'slides/slide1.xml']]),
      'ppt/slides/slide1.xml':
        '<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>Option B: existing cameras</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>',
      'ppt/slides/_rels/slide1.xml.rels': rels([['rId2', 'notesSlide', '../notesSlides/notesSlide1.xml']]),
      'ppt/notesSlides/notesSlide1.xml':
        '<p:notes xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>These are Hikvision DS-2CD2143G2-I units</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>',
    });
    expect((await readOne('briefing.pptx', deck)).read?.blocks.map((b) => [b.location, b.text])).toEqual([
      ['slide 1', 'Option B: existing cameras'],
      ['slide 1, notes', 'These are Hikvision DS-2CD2143G2-I units'],
    ]);
  });
});

describe('PDF tables whose cells wrap', () => {
  it("a line that continues a row's cells joins them, so a model number wrapped in a narrow column is whole", async () => {
    const run = (x: number, y: number, text: string) => ({ x, y, text, size: 10 });
    const pdf = makePdf([
      [
        run(50, 800, 'Item'),
        run(110, 800, 'Description'),
        run(300, 800, 'Manufacturer'),
        run(420, 800, 'Model'),
        run(50, 786, '1'),
        run(110, 786, 'Dome camera, 4 MP,'),
        run(300, 786, 'Hikvision'),
        run(420, 786, 'DS-2CD2143G2-'),
        run(110, 774, 'with IR'),
        run(420, 774, 'I'),
        run(50, 760, '2'),
        run(110, 760, 'Bullet camera'),
        run(300, 760, 'Axis'),
        run(420, 760, 'P1465-LE'),
        run(50, 730, 'Prices exclude VAT.'),
      ],
    ]);
    const result = await readOne('schedule.pdf', pdf);
    expect(result.read?.blocks.map((b) => b.text)).toEqual([
      'Item | Description | Manufacturer | Model',
      '1 | Dome camera, 4 MP, with IR | Hikvision | DS-2CD2143G2-I',
      '2 | Bullet camera | Axis | P1465-LE',
      'Prices exclude VAT.',
    ]);
    const row = result.read!.blocks[1]!;
    expect(row.cells?.map((c) => c.header)).toEqual(['Item', 'Description', 'Manufacturer', 'Model']);
    expect(vendorsOf(result)).toEqual(['hikvision Hikvision', 'hikvision DS-2CD2143G2-I']);
  });
});

describe('PDFs cut short', () => {
  it('an interrupted download says so; garbage after a PDF header is still "corrupt"', async () => {
    const pdf = makePdf(Array.from({ length: 4 }, (_, i) => [{ x: 50, y: 700, text: `Page ${i + 1}: Hikvision` }]));
    // What a truncated copy of pdf.js's tracemonkey.pdf (or its bug1020226.pdf) gives: objects, no xref, no %%EOF.
    for (const cut of [pdf.length >> 1, 200]) {
      expect((await readOne('cut.pdf', pdf.subarray(0, cut))).skipped).toBe(
        'truncated PDF (the file is incomplete: download or copy it again)',
      );
    }
    expect((await readOne('junk.pdf', new TextEncoder().encode('%PDF-1.7\n not a PDF body'))).skipped).toBe(
      'corrupt or damaged PDF (not readable)',
    );
  });
});
