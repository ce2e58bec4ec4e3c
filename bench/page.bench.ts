/**
 * `npm run bench:page`: the extension on a results page of 5,000 product cards in real Chromium. Needs a build
 * first (`npm run build`). Prints numbers; never fails on time.
 *
 * Work is attributed from a Chromium trace of the page's main thread: every task from the moment the content
 * script starts is the extension's (the page itself runs nothing after it has loaded), including the layouts the
 * browser does because warnings were written. Two baselines are measured in the same run, in a browser without
 * the extension, on the same page:
 *  - a bare TreeWalker read of the page text (the design target: the extension within 2x of it);
 *  - the floor for showing anything at all: that read, plus writing one plain mark into each flagged card in one
 *    go and letting the browser lay the page out again.
 * Each scenario runs ROUNDS times and the median is reported, because shared CI machines are noisy.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/browsers';
import { launchWithExtension } from '../tests/e2e/harness';
import { startServer } from '../tests/e2e/server';

const CARDS = 5000;
const BATCH = 1000;
const FLAG_EVERY = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TITLES = [
  'Axis M2025-LE Bullet Network Camera 1080p PoE',
  'Reolink 4K PoE Security Camera with Person Detection',
  'Hanwha Vision QND-6012R 2MP IR Dome Camera',
  'Bosch FLEXIDOME IP 3000i 2MP Dome',
  'TP-Link Tapo C320WS Outdoor Wi-Fi Camera',
];
const FLAGGED = ['Hikvision DS-2CD2143G2-I 4MP Dome', 'HiLook IPC-B140H 4MP bullet', 'Dahua IPC-HFW2431S-S-S2'];

function card(i: number): string {
  const title = i % FLAG_EVERY === 0 ? FLAGGED[(i / FLAG_EVERY) % FLAGGED.length]! : TITLES[i % TITLES.length]!;
  return `<div class="card" data-sku="${i}"><img alt="product photo" src="data:,"><h3><a href="#${i}">${title}</a></h3><p class="spec">PoE · IP67 · <b>${i % 5}</b> stars (${i * 3} reviews)</p><p class="price">£${(20 + (i % 300)).toFixed(2)}</p></div>`;
}

const pageHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title></head><body><main id="results">${Array.from({ length: CARDS }, (_, i) => card(i)).join('')}</main>
<script>window.appendBatch = (html) => document.getElementById('results').insertAdjacentHTML('beforeend', html);</script></body></html>`;
const batchHtml = Array.from({ length: BATCH }, (_, i) => card(CARDS + i)).join('');

const settle = (ms = 1500) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string } };
}

/** The main-thread tasks of the page's renderer from `from` (trace µs) on: their total and the longest, in ms. */
function tasksFrom(events: TraceEvent[], thread: { pid: number; tid: number }, from: number) {
  const tasks = events.filter(
    (e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.name === 'RunTask' && e.ts >= from,
  );
  const durations = tasks.map((task) => (task.dur ?? 0) / 1000);
  return { total: durations.reduce((sum, d) => sum + d, 0), longest: Math.max(0, ...durations) };
}

async function traced(page: Page, action: () => Promise<void>): Promise<TraceEvent[]> {
  await page.tracing.start({ categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await action();
  const buffer = await page.tracing.stop();
  return (JSON.parse(new TextDecoder().decode(buffer)) as { traceEvents: TraceEvent[] }).traceEvents;
}

/** The renderer main thread that parsed the bench page. */
function pageThread(events: TraceEvent[]) {
  const parse = events.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args).includes('/bench/'));
  if (!parse) throw new Error('no ParseHTML event for the bench page in the trace');
  return { pid: parse.pid, tid: parse.tid };
}

/** Main-thread task time of the page's renderer so far (ms), via the CDP Performance domain. */
async function taskClock(page: Page): Promise<() => Promise<number>> {
  const session = await page.createCDPSession();
  await session.send('Performance.enable');
  return async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
  };
}

const dir = await mkdtemp(join(tmpdir(), 'vendorwatch-bench-'));
await writeFile(join(dir, 'results.html'), pageHtml);
const server = await startServer({ '/bench/': dir });
const url = server.url('/bench/results.html');

/** Without the extension: the bare read, the floor (read + one mark per flagged card), and the batch's own cost. */
async function plainRound() {
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    pipe: true,
  });
  const page = await browser.newPage();
  const clock = await taskClock(page);
  await page.goto(url, { waitUntil: 'load' });
  await settle();
  const read = await page.evaluate(() => {
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let total = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) total += (node as Text).data.length;
      if (total < 0) throw new Error('unreachable');
      best = Math.min(best, performance.now() - start);
    }
    return best;
  });
  const beforeMarks = await clock();
  await page.evaluate((every) => {
    const titles = document.querySelectorAll('.card h3');
    for (let i = 0; i < titles.length; i += every) {
      const mark = document.createElement('span');
      mark.textContent = '⚠ Listed vendor';
      titles[i]!.append(mark);
    }
  }, FLAG_EVERY);
  await settle();
  const marks = (await clock()) - beforeMarks;
  const beforeBatch = await clock();
  const batchEvents = await traced(page, async () => {
    await page.evaluate((html) => (window as unknown as { appendBatch(h: string): void }).appendBatch(html), batchHtml);
    await settle();
  });
  const batch = (await clock()) - beforeBatch;
  const thread = pageThread(await traced(page, () => page.reload({ waitUntil: 'load' }).then(() => undefined)));
  const batchLongest = tasksFrom(batchEvents, thread, 0).longest;
  await browser.close();
  return { read, floor: read + marks, batch, batchLongest };
}

/** With the extension: everything from the content script's start, and the later batch of cards. */
async function extensionRound() {
  const run = await launchWithExtension('chromium');
  const page = await run.browser.newPage();
  let findings = 0;
  const events = await traced(page, async () => {
    await page.goto(url, { waitUntil: 'load' });
    findings = (await run.waitForTabState(page, (s) => s.findings.length >= CARDS / FLAG_EVERY, 60_000)).findings
      .length;
    await settle();
  });
  if (process.env.BENCH_TRACE) await writeFile(process.env.BENCH_TRACE, JSON.stringify({ traceEvents: events }));
  const thread = pageThread(events);
  const start = events.find(
    (e) =>
      e.pid === thread.pid &&
      e.tid === thread.tid &&
      e.name === 'EvaluateScript' &&
      e.args?.data?.url?.includes('content.js'),
  );
  if (!start) throw new Error('the content script never ran on the bench page');
  const pageWorkAfterStart = events.some(
    (e) => e.pid === thread.pid && e.tid === thread.tid && e.name === 'ParseHTML' && e.ts > start.ts,
  );
  const first = tasksFrom(events, thread, start.ts);
  const clock = await taskClock(page);
  const beforeBatch = await clock();
  const batchEvents = await traced(page, async () => {
    await page.evaluate((html) => (window as unknown as { appendBatch(h: string): void }).appendBatch(html), batchHtml);
    await run.waitForTabState(page, (s) => s.findings.length >= (CARDS + BATCH) / FLAG_EVERY, 60_000);
    await settle();
  });
  const batch = (await clock()) - beforeBatch;
  const batchLongest = tasksFrom(batchEvents, thread, 0).longest;
  await run.close();
  return { findings, first: first.total, longest: first.longest, batch, batchLongest, pageWorkAfterStart };
}

const plain: Array<Awaited<ReturnType<typeof plainRound>>> = [];
const ext: Array<Awaited<ReturnType<typeof extensionRound>>> = [];
for (let round = 0; round < ROUNDS; round++) {
  plain.push(await plainRound());
  ext.push(await extensionRound());
}
await server.close();
await rm(dir, { recursive: true, force: true });

const read = median(plain.map((p) => p.read));
const floor = median(plain.map((p) => p.floor));
const first = median(ext.map((e) => e.first));
const longest = median(ext.map((e) => e.longest));
const extraBatch = median(ext.map((e, i) => e.batch - plain[i]!.batch));
const batchLongest = median(ext.map((e) => e.batchLongest));
const plainBatchLongest = median(plain.map((p) => p.batchLongest));
const perCardFirst = first / CARDS;
const perCardBatch = extraBatch / BATCH;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

console.log(
  `VendorWatch page benchmark: ${CARDS} product cards in real Chromium, ${ext[0]!.findings} findings, median of ${ROUNDS} rounds`,
);
console.log(`  bare TreeWalker read of the page text             ${fmt(read)}`);
console.log(`  floor: that read + one plain mark per flagged card ${fmt(floor)} (the page's own re-layout)`);
console.log(
  `  extension main-thread time, first scan            ${fmt(first)}  = ${(first / read).toFixed(1)}x the bare read (design target < 2x), ${(first / floor).toFixed(1)}x the floor`,
);
console.log(`  longest main-thread task, first scan              ${fmt(longest)}  (target: none over 50 ms)`);
console.log(
  `  longest main-thread task, later batch of ${BATCH}     ${fmt(batchLongest)}  (without the extension: ${fmt(plainBatchLongest)}, the page's own append)`,
);
console.log(
  `  per card: first scan ${(perCardFirst * 1000).toFixed(1)} µs, later batch ${(perCardBatch * 1000).toFixed(1)} µs  (ratio ${(perCardBatch / perCardFirst).toFixed(2)}; ~1 means proportional to the batch)`,
);
if (ext.some((e) => e.pageWorkAfterStart)) {
  console.log(
    '  note: the page was still parsing when the content script started in some rounds; its work is included',
  );
}
