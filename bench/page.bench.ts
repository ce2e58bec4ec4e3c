/**
 * `npm run bench:page`: the extension on a results page of 5,000 product cards in real Chromium. Needs a build
 * first (`npm run build`). Prints numbers; never fails on time.
 *
 * Work is attributed from a Chromium trace of the page's main thread. From the moment the content script starts,
 * every task is the extension's: the page runs no script of its own, and it has finished parsing (checked). Tasks
 * are split into script tasks (the content script reading and writing) and rendering tasks (the layout the browser
 * does because warnings were written into the page).
 *
 * Baselines, measured in the same run in a browser without the extension, on the same page:
 *  - a bare TreeWalker read of the page text (the design target: the extension within 2x of it);
 *  - the floor for showing anything at all: that read plus writing one plain mark into each flagged card in one go,
 *    with the layout the browser then does. No extension that puts a warning next to the card can cost less.
 * A later batch of 1,000 cards is appended with the extension running; its cost is everything after the page's own
 * insertion and layout of the batch.
 * Each scenario runs BENCH_ROUNDS times (default 3) and medians are reported: shared machines are noisy.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/browsers';
import { EXTENSION_DIRS, launchWithExtension } from '../tests/e2e/harness';
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
  // A sized image without a source: its alt text is read like any product photo's, and it never loads or fails
  // later (a broken `src` would make the page lay itself out again while the extension is being measured).
  return `<div class="card" data-sku="${i}"><img alt="product photo" width="80" height="60"><h3><a href="#${i}">${title}</a></h3><p class="spec">PoE · IP67 · <b>${i % 5}</b> stars (${i * 3} reviews)</p><p class="price">£${(20 + (i % 300)).toFixed(2)}</p></div>`;
}

const pageHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title></head><body><main id="results">${Array.from({ length: CARDS }, (_, i) => card(i)).join('')}</main>
<script>
  window.appendBatch = (html) => document.getElementById('results').insertAdjacentHTML('beforeend', html);
  // Lay the page out now, while it loads, as real pages' own scripts do: otherwise its first full layout can land
  // after the content script has started and be counted as the extension's.
  document.body.getBoundingClientRect();
</script></body></html>`;
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
interface Thread {
  pid: number;
  tid: number;
}

const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'TimerFire', 'RunMicrotasks', 'EventDispatch']);
/**
 * Garbage collection: a major collection also traces the page's whole DOM, and runs whenever the heap says so,
 * often well after the scan whose allocations caused it.
 */
const GC_EVENTS = new Set(['MinorGC', 'MajorGC', 'V8.GC_MC_INCREMENTAL']);
const RENDER_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Commit']);

/** Main-thread tasks from `from` (trace µs) on, in ms: total, and the longest script and rendering tasks. */
function tasksFrom(events: TraceEvent[], thread: Thread, from: number) {
  const until = events.find((e) => e.name === 'vendorwatch-bench-end')?.ts ?? Number.POSITIVE_INFINITY;
  const onThread = events.filter(
    (e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.ts >= from && e.ts < until,
  );
  const tasks = onThread.filter((e) => e.name === 'RunTask');
  let total = 0;
  let script = 0;
  let rendering = 0;
  let scriptTotal = 0;
  let gc = 0;
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside = onThread.filter((e) => e.ts >= task.ts && e.ts < end && e !== task);
    const ms = (task.dur ?? 0) / 1000;
    total += ms;
    // The page runs no script of its own: a task that renders nothing is the extension's (script, messages, GC).
    if (!inside.some((e) => SCRIPT_EVENTS.has(e.name)) && inside.some((e) => RENDER_EVENTS.has(e.name)))
      rendering = Math.max(rendering, ms);
    else {
      script = Math.max(script, ms);
      scriptTotal += ms;
      gc += inside.filter((e) => GC_EVENTS.has(e.name)).reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
    }
  }
  return { total, script, rendering, scriptTotal, gc };
}

/**
 * The end (trace µs) of the page's own work for an appended batch: the task that inserted it and the layout that
 * followed. The content script's work on the batch (it waits for mutations to settle) comes after.
 */
function endOfAppend(events: TraceEvent[], thread: Thread): number {
  const rendering = events.find(
    (e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.name === 'Layout',
  );
  if (!rendering) throw new Error('the appended batch was never laid out');
  const task = events.find(
    (e) =>
      e.pid === thread.pid &&
      e.tid === thread.tid &&
      e.name === 'RunTask' &&
      e.ts <= rendering.ts &&
      e.ts + (e.dur ?? 0) >= rendering.ts,
  );
  return task ? task.ts + (task.dur ?? 0) : rendering.ts + (rendering.dur ?? 0);
}

async function traced(page: Page, action: () => Promise<void>): Promise<TraceEvent[]> {
  await page.tracing.start({
    categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  await action();
  // Stopping the trace floods the thread with small tasks of its own: the window ends at this mark, before that.
  await page.evaluate(() => performance.mark('vendorwatch-bench-end'));
  const buffer = await page.tracing.stop();
  return (JSON.parse(new TextDecoder().decode(buffer)) as { traceEvents: TraceEvent[] }).traceEvents;
}

/** The renderer main thread that parsed the bench page. */
function pageThread(events: TraceEvent[]): Thread {
  const parse = events.find((e) => e.name === 'ParseHTML' && JSON.stringify(e.args).includes('/bench/'));
  if (!parse) throw new Error('no ParseHTML event for the bench page in the trace');
  return { pid: parse.pid, tid: parse.tid };
}

const dir = await mkdtemp(join(tmpdir(), 'vendorwatch-bench-'));
await writeFile(join(dir, 'results.html'), pageHtml);
const server = await startServer({ '/bench/': dir });
const url = server.url('/bench/results.html');

/** Without the extension: the bare read, and the floor (read + one mark per flagged card). */
async function plainRound() {
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    pipe: true,
  });
  const page = await browser.newPage();
  const loadEvents = await traced(page, async () => {
    await page.goto(url, { waitUntil: 'load' });
    await settle();
  });
  const thread = pageThread(loadEvents);
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
  const marks = tasksFrom(
    await traced(page, async () => {
      await page.evaluate((every) => {
        const titles = document.querySelectorAll('.card h3');
        for (let i = 0; i < titles.length; i += every) {
          const mark = document.createElement('span');
          mark.textContent = '⚠ Listed vendor';
          titles[i]!.append(mark);
        }
      }, FLAG_EVERY);
      await settle();
    }),
    thread,
    0,
  );
  await browser.close();
  // The marks' own script is a handful of DOM calls; what they cost is the layout that follows.
  return { read, floor: read + marks.rendering, floorRendering: marks.rendering };
}

/** With the extension: everything from the content script's start, then the later batch of cards. */
async function extensionRound() {
  const run = await launchWithExtension('chromium', { extensionDir: EXTENSION_DIRS.chromium });
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
  const stillParsing = events.some(
    (e) => e.pid === thread.pid && e.tid === thread.tid && e.name === 'ParseHTML' && e.ts > start.ts,
  );
  const first = tasksFrom(events, thread, start.ts);
  const batchEvents = await traced(page, async () => {
    await page.evaluate((html) => (window as unknown as { appendBatch(h: string): void }).appendBatch(html), batchHtml);
    await run.waitForTabState(page, (s) => s.findings.length >= (CARDS + BATCH) / FLAG_EVERY, 60_000);
    await settle();
  });
  if (process.env.BENCH_TRACE)
    await writeFile(`${process.env.BENCH_TRACE}.batch`, JSON.stringify({ traceEvents: batchEvents }));
  const batch = tasksFrom(batchEvents, thread, endOfAppend(batchEvents, thread));
  await run.close();
  return { findings, first, batch, stillParsing };
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
const floorRendering = median(plain.map((p) => p.floorRendering));
const first = median(ext.map((e) => e.first.total));
const firstScript = median(ext.map((e) => e.first.script));
const firstRendering = median(ext.map((e) => e.first.rendering));
const batchExtra = median(ext.map((e) => e.batch.total));
const batchScript = median(ext.map((e) => e.batch.script));
const perCardFirst = first / CARDS;
const perCardBatch = batchExtra / BATCH;
// Rendering a frame costs a layout of the whole page whatever was added; the extension's own work is the script.
const scriptPerCardFirst = median(ext.map((e) => e.first.scriptTotal - e.first.gc)) / CARDS;
const scriptPerCardBatch = median(ext.map((e) => e.batch.scriptTotal - e.batch.gc)) / BATCH;
const gcFirst = median(ext.map((e) => e.first.gc));
const gcBatch = median(ext.map((e) => e.batch.gc));
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);

console.log(
  `VendorWatch page benchmark: ${CARDS} product cards in real Chromium, ${ext[0]!.findings} findings, median of ${ROUNDS} round(s)`,
);
console.log(`  bare TreeWalker read of the page text            ${ms(read)}`);
console.log(`  floor: that read + a plain mark on each flagged card and the page's re-layout ${ms(floor)}`);
console.log(
  `  extension main-thread time, first scan           ${ms(first)}  = ${(first / read).toFixed(1)}x the bare read (design target < 2x), ${(first / floor).toFixed(1)}x the floor`,
);
console.log(
  `  longest script task, first scan                  ${ms(firstScript)}  (reading, messages, warnings, GC; target: none over 50 ms)`,
);
console.log(
  `  longest rendering task, first scan               ${ms(firstRendering)}  (the floor's: ${ms(floorRendering).trim()}; the page's own layout)`,
);
console.log(`  longest script task, later batch of ${BATCH} cards   ${ms(batchScript)}`);
console.log(
  `  per card, all main-thread time: first scan ${(perCardFirst * 1000).toFixed(1)} µs, later batch ${(perCardBatch * 1000).toFixed(1)} µs  (ratio ${(perCardBatch / perCardFirst).toFixed(2)}; a frame of the whole page is paid per batch)`,
);
console.log(
  `  garbage collection: ${ms(gcFirst).trim()} during the first scan, ${ms(gcBatch).trim()} during the batch`,
);
console.log(
  `  per card, script without GC:  first scan ${(scriptPerCardFirst * 1000).toFixed(1)} µs, later batch ${(scriptPerCardBatch * 1000).toFixed(1)} µs  (ratio ${(scriptPerCardBatch / scriptPerCardFirst).toFixed(2)}; ~1 means proportional to the batch)`,
);
if (ext.some((e) => e.stillParsing)) {
  console.log(
    '  note: the page was still parsing when the content script started in some rounds; that work is included',
  );
}
