/**
 * The Check documents page in Chromium and Firefox: a PDF picked with the file input, an Excel workbook and a zipped
 * tender pack dropped on the page, and a pasted list, each read in the extension's own page (never uploaded) and
 * matched by the background; findings grouped by file with their locations, a broken file reported in one line
 * while the rest of the pack is still read, dismissals with their record (scope, reason, Undo on the card and in
 * the file's list), and the CSV export with file names and locations that keeps a dismissed finding, marked.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows } from '../../lib/documents/csv';
import { layoutPdf, makeDocx, makePdf, makeXlsx, makeZip } from '../support/documents';
import { BROWSERS, E2E_EXTENSION_DIRS, type ExtensionRun, launchWithExtension } from './harness';
import { type StaticServer, startServer } from './server';

interface FileView {
  file: string;
  summary: string;
  skipped: string;
  findings: Array<{ location: string; vendor: string; evidence: string }>;
}

/** What the page shows, per file section. */
const readSections = (page: Page): Promise<FileView[]> =>
  page.$$eval('section.file', (sections) =>
    sections.map((section) => ({
      file: section.getAttribute('data-file') ?? '',
      summary: section.querySelector('[data-testid="summary"]')?.textContent ?? '',
      skipped: section.querySelector('[data-testid="skipped"]')?.textContent ?? '',
      findings: [...section.querySelectorAll('li[data-location]')].map((item) => {
        const host = item.querySelector('[data-vendorwatch-vendor]');
        return {
          location: item.getAttribute('data-location') ?? '',
          vendor: host?.getAttribute('data-vendorwatch-vendor') ?? '',
          evidence: host?.getAttribute('data-vendorwatch-evidence') ?? '',
        };
      }),
    })),
  );

/** What each page logged, so a wait that times out says what the page was doing. */
const logs = new WeakMap<Page, string[]>();
function recordLogs(page: Page): Page {
  const lines: string[] = [];
  logs.set(page, lines);
  page.on('console', (message) => lines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => lines.push(`error: ${String(error)}`));
  return page;
}

/**
 * Waits until `count` files have results and no reading is in progress. Polls on a timer: the first-run tab the
 * extension opens on install can come to the front and hide this page, and a hidden page runs no animation frames.
 */
async function waitForFiles(page: Page, count: number) {
  try {
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('section.file').length >= n && !document.querySelector('[data-testid="progress"]'),
      { timeout: 45_000, polling: 100 },
      count,
    );
  } catch (error) {
    const shown = await page.evaluate(() => document.querySelector('main')?.textContent?.slice(0, 800));
    throw new Error(`${String(error)}\npage shows: ${shown}\npage logged: ${(logs.get(page) ?? []).join('\n')}`);
  }
}

/** Drops files on the drop zone as a person dragging them from the desktop would (a real DataTransfer of Files). */
async function dropFiles(page: Page, files: Array<{ name: string; bytes: Uint8Array }>) {
  const payload = files.map((file) => ({ name: file.name, base64: Buffer.from(file.bytes).toString('base64') }));
  await page.$eval(
    '[data-testid="drop"]',
    (zone, list) => {
      const transfer = new DataTransfer();
      for (const { name, base64 } of list as Array<{ name: string; base64: string }>) {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], name));
      }
      zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    },
    payload,
  );
}

/**
 * On the card at `host`: opens it, chooses Dismiss, types the reason if given, checks that the vendor-wide choice
 * names the file (not a site), and dismisses this item or the vendor in this file.
 */
async function dismissOnCard(page: Page, host: string, choice: { scope: 'item' | 'vendor'; reason?: string }) {
  await page.$eval(
    host,
    async (element, { scope, reason }) => {
      const shadow = element.shadowRoot!;
      const wait = async (selector: string) => {
        for (let i = 0; i < 50 && !shadow.querySelector(selector); i++) await new Promise((r) => setTimeout(r, 50));
        return shadow.querySelector(selector) as HTMLElement;
      };
      (shadow.querySelector('button.pill') as HTMLButtonElement).click();
      (await wait('button.dismiss')).click();
      if (reason !== undefined) {
        const input = (await wait('input.reason')) as HTMLInputElement;
        input.value = reason;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!/in this file/.test((await wait('button.dismiss-vendor'))?.textContent ?? ''))
        throw new Error('no "Dismiss Hikvision in this file"');
      (await wait(`button.dismiss-${scope}`)).click();
    },
    choice,
  );
}

/** A folder of test documents for the enclosing describe block: made before its other hooks run, removed after. */
function suiteFolder(prefix: string): { path: string } {
  const folder = { path: '' };
  beforeAll(async () => {
    folder.path = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    if (folder.path) await rm(folder.path, { recursive: true, force: true });
  });
  return folder;
}

describe.each(BROWSERS)('%s: Check documents', (name) => {
  let run: ExtensionRun;
  let page: Page;
  const dir = suiteFolder('vendorwatch-documents-');

  beforeAll(async () => {
    await writeFile(
      join(dir.path, 'specification.pdf'),
      layoutPdf([
        'Invitation to tender: CCTV renewal',
        ['Item', 'Manufacturer', 'Model'],
        ['1', 'Axis', 'P3265-LVE'],
        ['2', 'Hikvision', 'DS-2CD2143G2-I'],
        'Radios shall be compatible with the existing Hytera fleet.',
      ]),
    );
    run = await launchWithExtension(name);
    page = recordLogs(await run.openExtensionPage('check-documents.html'));
  });
  afterAll(async () => {
    await run?.close();
  });

  it('reads a picked PDF page by page and shows the findings with their page', async () => {
    const input = (await page.$('input[data-testid="file-input"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(dir.path, 'specification.pdf'));
    await waitForFiles(page, 1);
    const [pdf] = await readSections(page);
    expect(pdf!.file).toBe('specification.pdf');
    expect(pdf!.summary).toMatch(/1 page/);
    expect(pdf!.findings.map((f) => [f.location, f.vendor, f.evidence])).toEqual(
      expect.arrayContaining([
        ['page 1', 'hikvision', 'Hikvision'],
        ['page 1', 'hikvision', 'DS-2CD2143G2-I'],
        ['page 1', 'hytera', 'Hytera'],
      ]),
    );
    // Axis is not on the list.
    expect(pdf!.findings.map((f) => f.evidence)).not.toContain('Axis');
  });

  it('reads a dropped workbook and a zipped tender pack, naming each file inside the pack and its cell', async () => {
    const workbook = makeXlsx({
      'Price schedule': [
        ['Line', 'Manufacturer', 'Model', 'Qty'],
        [1, 'Dahua', 'IPC-HFW2441S-S', 12],
        [2, 'Bosch', 'FLEXIDOME IP 5100i', 4],
        // A code other makers share: Quectel's where its row says Quectel, not where its row names another maker.
        [3, 'Sierra Wireless', 'EG25-G', 1],
        [4, 'Quectel', 'EG25-G', 2],
      ],
    });
    const pack = makeZip({
      'Lot 1/notice.docx': makeDocx([
        'Lot 1: LTE modules',
        [
          ['Item', 'Part'],
          ['1', 'Quectel EC25-E'],
        ],
      ]),
      'Lot 2/asset register.xlsx': makeXlsx({
        Assets: [
          ['Asset', 'Model'],
          ['Gate camera', 'DS-2CD2043G2-I'],
        ],
      }),
      'Lot 2/broken.docx': new TextEncoder().encode('this is not a Word file'),
      'Lot 3/old.doc': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    });
    await dropFiles(page, [
      { name: 'schedule.xlsx', bytes: workbook },
      { name: 'pack.zip', bytes: pack },
    ]);
    await waitForFiles(page, 3);
    const sections = await readSections(page);
    const byFile = new Map(sections.map((section) => [section.file, section]));

    const schedule = byFile.get('schedule.xlsx')!;
    expect(schedule.findings.map((f) => [f.location, f.vendor, f.evidence])).toEqual(
      expect.arrayContaining([
        ["'Price schedule'!B2", 'dahua', 'Dahua'],
        ["'Price schedule'!C2", 'dahua', 'IPC-HFW2441S-S'],
      ]),
    );
    expect(schedule.findings.map((f) => f.evidence)).not.toContain('Bosch');
    expect(schedule.findings.filter((f) => f.evidence === 'EG25-G').map((f) => f.location)).toEqual([
      "'Price schedule'!C5",
    ]);

    // Every finding inside the pack names the file it came from, under the pack's name.
    const packFindings = sections
      .filter((section) => section.file.startsWith('pack.zip'))
      .flatMap((section) => section.findings.map((f) => ({ ...f, file: section.file })));
    const packText = JSON.stringify(sections.filter((section) => section.file.startsWith('pack.zip')));
    expect(packFindings.map((f) => `${f.vendor}: ${f.evidence}`)).toEqual(
      expect.arrayContaining(['quectel: Quectel', 'quectel: EC25-E', 'hikvision: DS-2CD2043G2-I']),
    );
    expect(packText).toContain('Lot 1/notice.docx');
    expect(packText).toContain('Lot 2/asset register.xlsx');
    // The broken and the legacy files are each reported in one line; the rest of the pack was still read.
    expect(byFile.get('pack.zip/Lot 2/broken.docx')?.skipped).toMatch(/not a valid Word file/);
    expect(byFile.get('pack.zip/Lot 3/old.doc')?.skipped).toMatch(/save as \.docx/);
    expect(byFile.get('pack.zip')?.summary).toMatch(/entries read/);
  });

  it('checks a pasted list of products and model numbers', async () => {
    await page.$eval('[data-testid="paste"]', (area) => {
      const textarea = area as HTMLTextAreaElement;
      textarea.value = 'Hikvision DS-7608NI-K2 recorder\nAxis P3245-V\nHytera PD785 radio';
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.$eval('[data-testid="check-text"]', (button) => (button as HTMLButtonElement).click());
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('section.file')].some((section) =>
          section.querySelector('[data-vendorwatch-vendor="hytera"]'),
        ) && !document.querySelector('[data-testid="progress"]'),
      { timeout: 30_000, polling: 100 },
    );
    const pasted = (await readSections(page)).find((section) =>
      section.findings.some((f) => f.evidence === 'PD785' || f.evidence === 'Hytera'),
    )!;
    expect(pasted.findings.map((f) => f.vendor)).toEqual(expect.arrayContaining(['hikvision', 'hytera']));
    expect(pasted.findings.map((f) => f.evidence)).not.toContain('Axis');
  });

  it('checks text selected on a page and sent with "Check with VendorWatch"', async () => {
    // What the menu item's click does (entrypoints/background/selection.ts, unit-tested): the text goes into session
    // storage under an id, and the page opens on that id.
    const probe = await run.openExtensionPage('popup.html');
    await probe.evaluate(async () => {
      type Api = { storage: { session: { set(items: object): Promise<void> } } };
      const scope = globalThis as unknown as { browser?: Api; chrome?: Api };
      await (scope.browser ?? scope.chrome)!.storage.session.set({
        'selection:e2e': 'Radios: Hytera PD785 (6 units)\nSwitch: Cisco C9200L-24P-4G',
      });
    });
    await probe.close();
    const selected = recordLogs(await run.openExtensionPage('check-documents.html?selection=e2e'));
    await waitForFiles(selected, 1);
    const [section] = await readSections(selected);
    expect(section!.file).toBe('selected text');
    expect(section!.findings.map((f) => `${f.vendor}: ${f.evidence}`)).toEqual(['hytera: Hytera', 'hytera: PD785']);
    // The selection is used once and not kept.
    expect(await selected.$eval('[data-testid="paste"]', (area) => (area as HTMLTextAreaElement).value)).toMatch(
      /PD785/,
    );
    await selected.close();
  });

  it("reads a Chinese PDF whose font is not embedded, with pdf.js's character maps from the extension itself", async () => {
    // MingLiU not embedded, UniCNS-UCS2-H codes, as Taiwanese tender software writes them: without the CMaps shipped
    // in the package (modules/pdfjs-data.ts) this read as "no text layer: scanned image".
    const chinese = recordLogs(await run.openExtensionPage('check-documents.html'));
    await chinese.bringToFront();
    await dropFiles(chinese, [
      {
        name: '招標規格.pdf',
        bytes: makePdf([[{ x: 50, y: 780, text: '本案攝影機不得為海康威視產品。' }]], { cjk: 'UniCNS-UCS2-H' }),
      },
    ]);
    await waitForFiles(chinese, 1);
    const [section] = await readSections(chinese);
    expect(section!.skipped).toBe('');
    expect(section!.findings.map((f) => [f.location, f.vendor, f.evidence])).toEqual([
      ['page 1', 'hikvision', '海康威視'],
    ]);
    await chinese.close();
    await page.bringToFront();
  });

  it('dismisses with a record (scope, reason, Undo), and the export keeps a dismissed finding, marked', async () => {
    const total = () =>
      page.$eval('[data-testid="total"]', (el) => Number(/\d+/.exec(el.textContent ?? '')?.[0] ?? Number.NaN));
    const waitForTotal = (n: number) =>
      page.waitForFunction(
        (want) => Number(/\d+/.exec(document.querySelector('[data-testid="total"]')?.textContent ?? '')?.[0]) === want,
        { timeout: 10_000, polling: 100 },
        n,
      );
    const before = await total();
    const pdf = 'section.file[data-file="specification.pdf"]';
    const pdfHikvision = async () =>
      (await readSections(page))
        .find((s) => s.file === 'specification.pdf')!
        .findings.filter((f) => f.vendor === 'hikvision');
    const hikvisionBefore = (await pdfHikvision()).length;
    expect(hikvisionBefore).toBeGreaterThan(0);

    // "Dismiss" on the PDF's Hikvision card asks which, with an optional reason: this item, with one.
    await dismissOnCard(page, `${pdf} li [data-vendorwatch-vendor="hikvision"]`, {
      scope: 'item',
      reason: 'existing stock, approved by the client',
    });
    await page.waitForFunction(
      (b) => Number(/\d+/.exec(document.querySelector('[data-testid="total"]')?.textContent ?? '')?.[0]) < b,
      { timeout: 10_000, polling: 100 },
      before,
    );
    const afterItem = await total();
    expect(afterItem).toBeLessThan(before);
    // The card it was made on says so and offers Undo; the file lists the record with its scope and reason.
    const record = await page.$eval(`${pdf} [data-testid="file-dismissals"] li`, (li) => ({
      scope: li.getAttribute('data-scope'),
      vendor: li.getAttribute('data-vendor'),
      text: li.textContent ?? '',
    }));
    expect(record).toMatchObject({ scope: 'item', vendor: 'hikvision' });
    expect(record.text).toContain('existing stock, approved by the client');
    expect(
      await page.$$eval(
        `${pdf} li [data-vendorwatch-vendor]`,
        (hosts) => hosts.filter((host) => host.shadowRoot?.querySelector('.dismissed button.undo')).length,
      ),
    ).toBe(1);

    // The export keeps every finding, the dismissed ones marked with the decision, when, scope and reason.
    await page.$$eval('.toolbar button', (buttons) =>
      (buttons.find((button) => button.textContent?.trim() === 'CSV') as HTMLButtonElement).click(),
    );
    await page.waitForSelector('a[data-testid="export-link"]');
    const csv = await page.evaluate(async () => {
      const links = document.querySelectorAll('a[data-testid="export-link"]');
      return (await fetch((links[links.length - 1] as HTMLAnchorElement).href)).text();
    });
    const rows = csvRows(csv.trim());
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(header).toEqual(expect.arrayContaining(['file', 'location', 'decision', 'decision_reason']));
    expect(rows.length - 1).toBe(before);
    const dismissedRows = rows.slice(1).filter((row) => row[col('decision')] !== '');
    expect(dismissedRows.length).toBe(before - afterItem);
    for (const row of dismissedRows) {
      expect(row[col('file')]).toBe('specification.pdf');
      expect(row[col('vendor')]).toBe('hikvision');
      expect(row[col('decision')]).toBe('dismissed by the user');
      expect(row[col('decision_scope')]).toBe('this item');
      expect(row[col('decision_reason')]).toBe('existing stock, approved by the client');
      expect(row[col('decided_at')]).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(csv).toContain("'Price schedule'!C2");
    expect(csv).toContain('pack.zip/Lot 1/notice.docx');
    expect(csv).toContain('page 1');

    // Undo on the card brings the findings back and the record goes.
    await page.$$eval(`${pdf} li [data-vendorwatch-vendor]`, (hosts) => {
      const host = hosts.find((h) => h.shadowRoot?.querySelector('.dismissed button.undo'))!;
      (host.shadowRoot!.querySelector('button.undo') as HTMLButtonElement).click();
    });
    await waitForTotal(before);
    expect(await page.$(`${pdf} [data-testid="file-dismissals"]`)).toBeNull();

    // "Dismiss Hikvision in this file" hides all of its findings there; Undo in the file's list restores them.
    await dismissOnCard(page, `${pdf} li [data-vendorwatch-vendor="hikvision"]`, { scope: 'vendor' });
    await waitForTotal(before - hikvisionBefore);
    expect(await page.$eval(`${pdf} [data-testid="file-dismissals"] li`, (li) => li.getAttribute('data-scope'))).toBe(
      'vendor',
    );
    // Only the card it was made on stays, as "Dismissed · Undo".
    expect((await pdfHikvision()).length).toBe(1);
    await page.$eval(`${pdf} [data-testid="file-dismissals"] li button.undo`, (button) =>
      (button as HTMLButtonElement).click(),
    );
    await waitForTotal(before);
    expect((await pdfHikvision()).length).toBe(hikvisionBefore);
  });
});

describe.each(BROWSERS)('%s: Check this PDF', (name) => {
  let run: ExtensionRun;
  let server: StaticServer;
  const dir = suiteFolder('vendorwatch-pdf-');

  beforeAll(async () => {
    await writeFile(join(dir.path, 'tender spec.pdf'), layoutPdf(['Lot 3: recorder DS-7608NI-K2 or equivalent']));
    server = await startServer({ '/docs/': dir.path });
    // The test build may read the loopback server without the site-access prompt, which automation cannot answer.
    run = await launchWithExtension(name, { extensionDir: E2E_EXTENSION_DIRS[name] });
  });
  afterAll(async () => {
    await run?.close();
    await server?.close();
  });

  it('fetches the PDF the tab shows, from the extension, and reads it locally', async () => {
    const url = server.url('/docs/tender%20spec.pdf');
    const page = recordLogs(await run.openExtensionPage(`check-documents.html?url=${encodeURIComponent(url)}`));
    await page.waitForSelector('[data-testid="check-url"]');
    await page.$eval('[data-testid="check-url"]', (button) => (button as HTMLButtonElement).click());
    await waitForFiles(page, 1);
    const [pdf] = await readSections(page);
    expect(pdf!.file).toBe('tender spec.pdf');
    expect(pdf!.findings.map((f) => [f.location, f.vendor, f.evidence])).toEqual([
      ['page 1', 'hikvision', 'DS-7608NI-K2'],
    ]);
  });
});
