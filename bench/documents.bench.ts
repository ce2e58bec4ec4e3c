/**
 * Part of `npm run bench`: how fast documents are read and scanned, as pages per second for PDF and rows per second
 * for spreadsheets, each against a baseline measured in the same run: the same text handed over as a plain .txt file
 * (decode, split into lines, scan). The ratio says what the format costs on top of the text itself. Generated
 * documents (tests/support/documents.ts) with the same structure as real ones; prints numbers, never fails on time.
 */
import { readFileSync } from 'node:fs';
import { type FileRead, readDocument } from '../lib/documents/read';
import { scanBlocks } from '../lib/documents/scan';
import { createEngine } from '../lib/engine/index';
import { loadWatchlist } from '../lib/watchlist/index';
import { layoutPdf, makeXlsx } from '../tests/support/documents';

const list = loadWatchlist(JSON.parse(readFileSync(new URL('../public/watchlist.json', import.meta.url), 'utf8')));
const engine = createEngine(list);

const PRODUCTS = [
  ['Axis', 'P3265-LVE', 'Dome camera, 2MP, IK10'],
  ['Hikvision', 'DS-2CD2143G2-I', '4MP AcuSense dome'],
  ['Hanwha Vision', 'QND-6012R', '2MP IR dome'],
  ['Bosch', 'FLEXIDOME IP 3000i', '2MP dome'],
  ['Dahua', 'IPC-HFW2441S-S', '4MP bullet'],
  ['Quectel', 'EC25-E', 'LTE Cat 4 module'],
  ['Sierra Wireless', 'EM7565', 'LTE-A Pro module'],
];

/** A specification of `pages` pages: prose paragraphs with a table of products every few paragraphs. */
function specification(pages: number): { pdf: Uint8Array; text: string } {
  const blocks: Array<string | string[]> = [];
  const lines: string[] = [];
  for (let i = 0; blocks.length < pages * 22; i++) {
    const product = PRODUCTS[i % PRODUCTS.length]!;
    const prose = `Clause ${i + 1}. The contractor shall supply and install equipment equal to the ${product[0]} ${product[1]} or an approved equivalent, commissioned and documented.`;
    blocks.push(prose);
    lines.push(prose);
    const row = [`${i + 1}`, product[0]!, product[1]!];
    blocks.push(row);
    lines.push(row.join(' | '));
  }
  return { pdf: layoutPdf(blocks), text: lines.join('\n') };
}

/** A price schedule of `rows` rows under a header. */
function schedule(rows: number): { xlsx: Uint8Array; text: string } {
  const header = ['Line', 'Manufacturer', 'Model', 'Description', 'Qty', 'Unit price'];
  const body = Array.from({ length: rows }, (_, i) => {
    const product = PRODUCTS[i % PRODUCTS.length]!;
    return [i + 1, product[0]!, product[1]!, product[2]!, (i % 9) + 1, 100 + (i % 400)];
  });
  return { xlsx: makeXlsx({ 'Price schedule': [header, ...body] }), text: body.map((r) => r.join(' | ')).join('\n') };
}

async function readAndScan(name: string, bytes: Uint8Array): Promise<{ read: FileRead; findings: number }> {
  let last: FileRead | undefined;
  let findings = 0;
  for await (const file of readDocument(name, bytes)) {
    last = file;
    if (file.read) findings += scanBlocks(engine, file.file, file.read.blocks).length;
  }
  if (!last?.read) throw new Error(`${name} was not read: ${last?.skipped}`);
  return { read: last, findings };
}

/** Best of `rounds`, the document and its plain-text baseline taking turns so a noisy spell hits both alike. */
async function race(document: () => Promise<unknown>, baseline: () => Promise<unknown>, rounds = 5) {
  await document();
  await baseline();
  let best = { document: Number.POSITIVE_INFINITY, baseline: Number.POSITIVE_INFINITY };
  for (let round = 0; round < rounds; round++) {
    let start = performance.now();
    await document();
    best = { ...best, document: Math.min(best.document, performance.now() - start) };
    start = performance.now();
    await baseline();
    best = { ...best, baseline: Math.min(best.baseline, performance.now() - start) };
  }
  return best;
}

export async function benchDocuments(): Promise<string[]> {
  const PAGES = 100;
  const ROWS = 20_000;
  const spec = specification(PAGES);
  const sheet = schedule(ROWS);
  const specText = new TextEncoder().encode(spec.text);
  const sheetText = new TextEncoder().encode(sheet.text);

  const pdfCheck = await readAndScan('spec.pdf', spec.pdf);
  const pdfPages = Number(/(\d+) pages?/.exec(pdfCheck.read.read!.extent)?.[1]);
  const pdf = await race(
    () => readAndScan('spec.pdf', spec.pdf),
    () => readAndScan('spec.txt', specText),
  );
  const xlsxCheck = await readAndScan('schedule.xlsx', sheet.xlsx);
  const xlsx = await race(
    () => readAndScan('schedule.xlsx', sheet.xlsx),
    () => readAndScan('schedule.txt', sheetText),
    3,
  );
  const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString('en-GB');
  return [
    `VendorWatch documents benchmark (read and scan; baseline: the same text as a .txt file, same run)`,
    `  PDF   ${pdfPages} pages, ${pdfCheck.findings} findings: ${perSecond(pdfPages, pdf.document)} pages/s; as text ${perSecond(pdfPages, pdf.baseline)} pages/s (PDF costs ${(pdf.document / pdf.baseline).toFixed(1)}x the text)`,
    `  Excel ${ROWS.toLocaleString('en-GB')} rows, ${xlsxCheck.findings} findings: ${perSecond(ROWS, xlsx.document)} rows/s; as text ${perSecond(ROWS, xlsx.baseline)} rows/s (.xlsx costs ${(xlsx.document / xlsx.baseline).toFixed(1)}x the text)`,
  ];
}
