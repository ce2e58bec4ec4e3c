/**
 * `npm run bench:page`: the extension on a results page of 5,000 product cards in real Chromium, against what
 * showing anything at all costs, measured in the same run. Needs a release build first (`npm run build`). Prints
 * ratios against the same-run baselines; never fails on time.
 *
 * Work is attributed from Chromium traces of the page's main thread, as busy time (the sum of its tasks). With the
 * extension, from the task that evaluates the content script on, every task is the extension's: the page runs no
 * script of its own, and it has finished parsing (checked). Tasks are split into script tasks (the content script reading and
 * writing, messages, GC) and rendering tasks (style, layout and paint the browser does because the page changed).
 *
 * Baselines, in a browser without the extension, on the same page (see issue 17 and DESIGN.md's budgets):
 *  - the floor: read every card's text once, and outline each restricted card. Nothing that shows which cards are
 *    restricted can do less;
 *  - the naive span writer: the same read, and one plain `<span>` written into each restricted card's title in one
 *    task, with the layout the browser then does (what a simple content script would do).
 * Each is measured for the first view of the page and for a later batch of 1,000 cards appended to it (the batch's
 * cost is everything after the page's own insertion and layout of it). Each scenario runs BENCH_ROUNDS times
 * (default 5), rounds interleaved, and medians are reported: shared machines are noisy.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/browsers';
import { EXTENSION_DIRS, launchWithExtension } from '../tests/e2e/harness';
import { startServer } from '../tests/e2e/server';
import { cardTitle, FLAG_EVERY } from '../tests/support/results-page';

const CARDS = 5000;
const BATCH = 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** BENCH_EXTENSION_DIR: another release build (say, of the previous main) to measure in the same session. */
const EXTENSION_DIR = process.env.BENCH_EXTENSION_DIR ?? EXTENSION_DIRS.chromium;
/**
 * BENCH_BEFORE_DIR: a second release build measured in the same rounds, interleaved with the first (before/after
 * figures from one session on a shared machine), against the same baselines.
 */
const BEFORE_DIR = process.env.BENCH_BEFORE_DIR;

/** One product card (tests/support/results-page.ts has the titles; one in 20 is restricted). */
function card(i: number): string {
  const title = cardTitle(i);
  // A sized image without a source: its alt text is read like any product photo's, and it never loads or fails
  // later (a broken `src` would make the page lay itself out again while the extension is being measured).
  return `<div class="card" data-sku="${i}"><img alt="product photo" width="80" height="60"><h3><a href="#${i}">${title}</a></h3><p class="spec">PoE · IP67 · <b>${i % 5}</b> stars (${i * 3} reviews)</p><p class="price">£${(20 + (i % 300)).toFixed(2)}</p></div>`;
}

const pageHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title></head><body><main id="results">${Array.from({ length: CARDS }, (_, i) => card(i)).join('')}</main>
<script>
  // The page lays out what it appended at once, as infinite-scroll pages that measure their list do: the batch's
  // layout is the page's own, and whatever the extension reads or writes after it is the extension's.
  window.appendBatch = (html) => {
    document.getElementById('results').insertAdjacentHTML('beforeend', html);
    document.body.getBoundingClientRect();
  };
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
  /** Thread (CPU) time of the event: unlike `dur`, not stretched when the machine's other jobs take the core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string }; src_file?: string; src_func?: string };
}
interface Thread {
  pid: number;
  tid: number;
}

/** `v8.evaluateModule`: the content script itself, which the loader imports as a module (platform/content-loading.ts). */
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'v8.evaluateModule',
  'FunctionCall',
  'TimerFire',
  'RunMicrotasks',
  'EventDispatch',
]);
/**
 * Garbage collection: a major collection also traces the page's whole DOM, and runs whenever the heap says so,
 * often well after the scan whose allocations caused it.
 */
const GC_EVENTS = new Set(['MinorGC', 'MajorGC', 'V8.GC_MC_INCREMENTAL']);
const RENDER_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Commit']);

/** What a script task was doing, told by the trace events inside it (the trace has no function names). */
const KINDS = ['evaluation', 'timer', 'message or promise', 'garbage collection', 'other'] as const;
type Kind = (typeof KINDS)[number];
const KIND_LABELS: Record<Kind, string> = {
  evaluation: 'evaluating the content script',
  timer: 'timer tasks (reading and placing slices)',
  'message or promise': 'message replies, promise and observer callbacks',
  'garbage collection': 'garbage collection alone',
  other: 'other',
};
function kindOf(inside: TraceEvent[], time: (names: Set<string>) => number): Kind {
  if (inside.some((e) => e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule')) return 'evaluation';
  const gc = time(GC_EVENTS);
  if (inside.some((e) => e.name === 'TimerFire')) return 'timer';
  if (gc > time(SCRIPT_EVENTS) && gc > 0) return 'garbage collection';
  if (inside.some((e) => e.name.startsWith('Receive mojo') || e.name === 'FunctionCall' || e.name === 'EventDispatch'))
    return 'message or promise';
  return 'other';
}

/**
 * Tasks the page's own loading posts, with or without an extension: the load event, the end of parsing, page-load
 * and link metrics. The extension's window opens while they may still run (its content script starts at document_idle); the
 * baselines' windows open after the page has settled, so counting them would charge the page's loading to the
 * extension. Told by where Chromium posted the task (the trace's `src_file`); their total is printed.
 */
const PAGE_LOAD_TASKS = [
  'core/dom/document.cc',
  'core/loader/',
  'page_load_metrics/',
  'interactive_detector.cc',
  'resource_load_info_notifier',
  'script_injection_manager.cc',
  // Chromium's navigation predictor measuring the page's links once it has loaded (5,000 anchors here: ~20 ms).
  'anchor_element_metrics',
];

/** Where a task was posted from (the scheduler's RunTask event inside it carries the source). */
function postedFrom(task: TraceEvent, inside: TraceEvent[]): string {
  const scheduled = inside.find((e) => e.name === 'ThreadControllerImpl::RunTask');
  return scheduled?.args?.src_file ?? task.args?.src_file ?? '';
}

/** Busy time: wall (`dur`) and CPU (`tdur`), in ms. The machine's load stretches the first, barely the second. */
interface Busy {
  wall: number;
  cpu: number;
}
const busyOf = (event: TraceEvent): Busy => ({
  wall: (event.dur ?? 0) / 1000,
  cpu: (event.tdur ?? event.dur ?? 0) / 1000,
});
const maxBusy = (a: Busy, b: Busy): Busy => ({ wall: Math.max(a.wall, b.wall), cpu: Math.max(a.cpu, b.cpu) });
const addBusy = (a: Busy, b: Busy): Busy => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu });
const NONE: Busy = { wall: 0, cpu: 0 };

/**
 * Main-thread tasks from `from` (trace µs) on: total busy time, the longest script and rendering tasks, the
 * page-load tasks left out (see PAGE_LOAD_TASKS).
 */
function tasksFrom(events: TraceEvent[], thread: Thread, from: number) {
  const until = events.find((e) => e.name === 'vendorwatch-bench-end')?.ts ?? Number.POSITIVE_INFINITY;
  const onThread = events.filter(
    (e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.ts >= from && e.ts < until,
  );
  const tasks = onThread.filter((e) => e.name === 'RunTask');
  let total = NONE;
  let script = NONE;
  let rendering = NONE;
  let pageLoad = NONE;
  let gc = 0;
  const byKind = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside = onThread.filter((e) => e.ts >= task.ts && e.ts < end && e !== task);
    const busy = busyOf(task);
    const source = postedFrom(task, inside);
    // The content script's module is loaded by Blink's module loader (core/loader/ too): never left out.
    const contentModule = inside.some((e) => e.name === 'v8.compileModule' || e.name === 'v8.evaluateModule');
    if (!contentModule && PAGE_LOAD_TASKS.some((part) => source.includes(part))) {
      pageLoad = addBusy(pageLoad, busy);
      continue;
    }
    total = addBusy(total, busy);
    // A task is the kind it spends most time on: a frame that runs a short animation-frame callback is rendering.
    // The page runs no script of its own: a task that renders nothing is the extension's (script, messages, GC).
    const time = (names: Set<string>) =>
      inside.filter((e) => names.has(e.name)).reduce((sum, e) => sum + (e.dur ?? 0), 0);
    if (time(RENDER_EVENTS) > time(SCRIPT_EVENTS)) rendering = maxBusy(rendering, busy);
    else {
      script = maxBusy(script, busy);
      const kind = kindOf(inside, time);
      byKind[kind] = Math.max(byKind[kind], busy.wall);
      gc += inside.filter((e) => GC_EVENTS.has(e.name)).reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
    }
  }
  return { total, script, rendering, pageLoad, gc, byKind };
}

/**
 * The end (trace µs) of the page's own work for an appended batch: the task that inserted it and laid it out, and the
 * frame that then painted it (a page without the extension pays that frame too; the baselines run after it). The
 * content script's work on the batch starts after both: it waits for mutations to settle (50 ms) before reading.
 */
function endOfAppend(events: TraceEvent[], thread: Thread): number {
  const onThread = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X');
  const rendering = onThread.find((e) => e.name === 'Layout');
  if (!rendering) throw new Error('the appended batch was never laid out');
  const task = onThread.find(
    (e) => e.name === 'RunTask' && e.ts <= rendering.ts && e.ts + (e.dur ?? 0) >= rendering.ts,
  );
  const appended = task ? task.ts + (task.dur ?? 0) : rendering.ts + (rendering.dur ?? 0);
  const tasksAfter = onThread.filter((e) => e.name === 'RunTask' && e.ts >= appended);
  const inside = (task: TraceEvent, names: string[]) =>
    onThread.some((e) => names.includes(e.name) && e.ts >= task.ts && e.ts < task.ts + (task.dur ?? 0));
  const frame = tasksAfter.find((candidate) => inside(candidate, ['Paint', 'PrePaint']));
  // Only if no script ran before it: a frame after the extension's first task would hold the extension's changes.
  const scriptFirst = tasksAfter.find((candidate) => inside(candidate, ['TimerFire', 'FunctionCall']));
  if (!frame || (scriptFirst && scriptFirst.ts < frame.ts)) return appended;
  return frame.ts + (frame.dur ?? 0);
}

async function traced(page: Page, action: () => Promise<void>): Promise<TraceEvent[]> {
  await page.tracing.start({
    categories: [
      'toplevel',
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'blink.user_timing',
      // BENCH_PROFILE=1 adds the JavaScript sampling profiler to the kept trace (it slows the run: not for figures).
      ...(process.env.BENCH_PROFILE ? ['disabled-by-default-v8.cpu_profiler'] : []),
    ],
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

type Tasks = ReturnType<typeof tasksFrom>;

/**
 * A baseline's work on the cards from `from` on (every card, or the appended batch), run in the page in one task:
 * read each card's text once (every text node, as a reader must), then mark each restricted card: an outline (the
 * floor) or a plain span in its title (the naive writer).
 */
function baseline(how: 'outline' | 'span', from: number, every: number): void {
  const cards = document.querySelectorAll('.card');
  let total = 0;
  for (let i = from; i < cards.length; i++) {
    const walker = document.createTreeWalker(cards[i]!, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) text += (node as Text).data;
    total += text.length;
  }
  if (total === 0) throw new Error('nothing read');
  for (let i = from; i < cards.length; i += every) {
    const card = cards[i] as HTMLElement;
    if (how === 'outline') card.style.outline = '2px solid #b00';
    else {
      const mark = document.createElement('span');
      mark.textContent = '⚠ Listed vendor';
      card.querySelector('h3')!.append(mark);
    }
  }
}

/** Without the extension: one baseline on the first view of the page, then on an appended batch. */
async function plainRound(how: 'outline' | 'span') {
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    pipe: true,
    defaultViewport: { width: 1280, height: 900 },
  });
  const page = await browser.newPage();
  const loadEvents = await traced(page, async () => {
    await page.goto(url, { waitUntil: 'load' });
    await settle();
  });
  const thread = pageThread(loadEvents);
  const run = (from: number) =>
    traced(page, async () => {
      await page.evaluate(baseline, how, from, FLAG_EVERY);
      await settle();
    });
  const first = tasksFrom(await run(0), thread, 0);
  await page.evaluate((html) => (window as unknown as { appendBatch(h: string): void }).appendBatch(html), batchHtml);
  await settle();
  const batch = tasksFrom(await run(CARDS), thread, 0);
  await browser.close();
  return { first, batch };
}

/** With the extension: everything from the content script's start, then the later batch of cards. */
async function extensionRound(extensionDir = EXTENSION_DIR) {
  const run = await launchWithExtension('chromium', { extensionDir });
  const page = await run.browser.newPage();
  // The harness's probe page opened first: the bench page must be the tab in front (a background tab renders no
  // frames, and its renderer is told it is hidden).
  await page.bringToFront();
  let findings = 0;
  /** From the page's load event to the background having every finding of the first scan (polled every 100 ms). */
  let readyMs = 0;
  const flagged = (cards: number) => Math.ceil(cards / FLAG_EVERY);
  const events = await traced(page, async () => {
    await page.goto(url, { waitUntil: 'load' });
    const loaded = performance.now();
    // The first scan reports once, when every warning is placed.
    findings = (await run.waitForTabState(page, (s) => s.findings.length >= flagged(CARDS), 120_000)).findings.length;
    readyMs = performance.now() - loaded;
    await settle();
  });
  if (process.env.BENCH_TRACE) await writeFile(process.env.BENCH_TRACE, JSON.stringify({ traceEvents: events }));
  const thread = pageThread(events);
  const start = events.find(
    (e) =>
      e.pid === thread.pid &&
      e.tid === thread.tid &&
      e.name === 'EvaluateScript' &&
      // The loader (public/content-loader.js); builds before it ran the content script itself (BENCH_BEFORE_DIR).
      /\/(content-loader|content-scripts\/content)\.js$/.test(e.args?.data?.url ?? ''),
  );
  if (!start) throw new Error('the content script never ran on the bench page');
  const stillParsing = events.some(
    (e) => e.pid === thread.pid && e.tid === thread.tid && e.name === 'ParseHTML' && e.ts > start.ts,
  );
  // From the task that evaluates the content script (it starts a little before the evaluation): setting the script
  // up (compiling it, building its schemas, starting the scan) is the extension's work on this page too.
  const evaluation = events.find(
    (e) =>
      e.pid === thread.pid &&
      e.tid === thread.tid &&
      e.name === 'RunTask' &&
      e.ts <= start.ts &&
      e.ts + (e.dur ?? 0) >= start.ts,
  );
  const first = tasksFrom(events, thread, evaluation?.ts ?? start.ts);
  /** Warnings on the page, and how many are built (the rest wait, bare, until their cards come near). */
  const hosts = () =>
    page.$$eval('vendorwatch-warning', (all) => ({
      placed: all.length,
      built: all.filter((host) => !host.getAttribute('style')?.startsWith('display: none')).length,
    }));
  const afterFirst = await hosts();
  const batchEvents = await traced(page, async () => {
    await page.evaluate((html) => (window as unknown as { appendBatch(h: string): void }).appendBatch(html), batchHtml);
    await run.waitForTabState(page, (s) => s.findings.length >= findings + flagged(BATCH), 120_000);
    await settle();
  });
  if (process.env.BENCH_TRACE)
    await writeFile(`${process.env.BENCH_TRACE}.batch`, JSON.stringify({ traceEvents: batchEvents }));
  const batch = tasksFrom(batchEvents, thread, endOfAppend(batchEvents, thread));
  const afterBatch = await hosts();
  await run.close();
  return { findings, first, batch, stillParsing, afterFirst, afterBatch, readyMs };
}

const floors: Array<Awaited<ReturnType<typeof plainRound>>> = [];
const naives: Array<Awaited<ReturnType<typeof plainRound>>> = [];
const ext: Array<Awaited<ReturnType<typeof extensionRound>>> = [];
const before: typeof ext = [];
for (let round = 0; round < ROUNDS; round++) {
  floors.push(await plainRound('outline'));
  naives.push(await plainRound('span'));
  ext.push(await extensionRound());
  if (BEFORE_DIR) before.push(await extensionRound(BEFORE_DIR));
}
await server.close();
await rm(dir, { recursive: true, force: true });

const med = <T>(runs: T[], pick: (run: T) => number) => median(runs.map(pick));
type Measure = keyof Busy;
type Round = { first: Tasks; batch: Tasks };
/** Medians of the rounds, in one measure (wall or CPU). */
const figures = (runs: Round[], m: Measure) => ({
  first: med(runs, (r) => r.first.total[m]),
  batch: med(runs, (r) => r.batch.total[m]),
  script: Math.max(
    med(runs, (r) => r.first.script[m]),
    med(runs, (r) => r.batch.script[m]),
  ),
  rendering: Math.max(
    med(runs, (r) => r.first.rendering[m]),
    med(runs, (r) => r.batch.rendering[m]),
  ),
});

const ms = (value: number) => `${value.toFixed(1)} ms`;
const x = (value: number) => `${value.toFixed(2)}x`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const row = (cells: string[]) => console.log(`| ${cells.join(' | ')} |`);
const last = ext.at(-1)!;

/** The issue's table in one measure: the extension against the floor and the naive writer, with the targets. */
function table(m: Measure, title: string): void {
  const floor = figures(floors, m);
  const naive = figures(naives, m);
  const extension = figures(ext, m);
  const perCard = { first: extension.first / CARDS, batch: extension.batch / BATCH };
  console.log('');
  console.log(title);
  console.log('');
  row([
    `main-thread ${m === 'wall' ? 'busy time' : 'CPU time'}`,
    'floor (read + outline)',
    'naive span writer',
    'extension',
    'extension / floor',
    'target',
  ]);
  row(['---', '---', '---', '---', '---', '---']);
  row([
    'first scan',
    ms(floor.first),
    `${ms(naive.first)} (${x(naive.first / floor.first)})`,
    ms(extension.first),
    x(extension.first / floor.first),
    `within 2x: ${verdict(extension.first <= 2 * floor.first)}`,
  ]);
  row([
    `batch of ${BATCH} cards`,
    ms(floor.batch),
    `${ms(naive.batch)} (${x(naive.batch / floor.batch)})`,
    ms(extension.batch),
    x(extension.batch / floor.batch),
    `within 2x: ${verdict(extension.batch <= 2 * floor.batch)}`,
  ]);
  row([
    'longest script task',
    ms(floor.script),
    ms(naive.script),
    ms(extension.script),
    '',
    `none over 16 ms: ${verdict(extension.script <= 16)}`,
  ]);
  row([
    'longest rendering task',
    ms(floor.rendering),
    ms(naive.rendering),
    ms(extension.rendering),
    x(extension.rendering / floor.rendering),
    `within 1.2x the floor's: ${verdict(extension.rendering <= 1.2 * floor.rendering)}`,
  ]);
  row([
    'per card, batch vs first scan',
    '',
    '',
    `${(perCard.batch * 1000).toFixed(1)} µs vs ${(perCard.first * 1000).toFixed(1)} µs`,
    x(perCard.batch / perCard.first),
    `within 1.5x: ${verdict(perCard.batch <= 1.5 * perCard.first)}`,
  ]);
  if (before.length > 0) {
    const earlier = figures(before, m);
    const perCardBefore = { first: earlier.first / CARDS, batch: earlier.batch / BATCH };
    console.log('');
    console.log(
      `The build in BENCH_BEFORE_DIR, same rounds, same baselines: first scan ${ms(earlier.first)} (${x(earlier.first / floor.first)}); batch ${ms(earlier.batch)} (${x(earlier.batch / floor.batch)}); longest script task ${ms(earlier.script)}; longest rendering task ${ms(earlier.rendering)} (${x(earlier.rendering / floor.rendering)}); per card, batch vs first scan ${x(perCardBefore.batch / perCardBefore.first)}.`,
    );
  }
}

console.log(
  `VendorWatch page benchmark: ${CARDS} product cards (${Math.ceil(CARDS / FLAG_EVERY)} restricted) + a batch of ${BATCH} (${Math.ceil(BATCH / FLAG_EVERY)} restricted), real Chromium, median of ${ROUNDS} round(s)`,
);
console.log(
  `${ext[0]!.findings} findings; every finding reached the background ${ms(med(ext, (e) => e.readyMs))} after the page's load event${before.length > 0 ? ` (the build in BENCH_BEFORE_DIR: ${ms(med(before, (e) => e.readyMs))})` : ''}; warnings built at the first scan: ${last.afterFirst.built} of ${last.afterFirst.placed} (the rest wait until their cards come near the viewport); after the batch: ${last.afterBatch.built} of ${last.afterBatch.placed}`,
);
table(
  'wall',
  "Busy time (wall clock of the main thread's tasks: what blocks the page; stretched when other jobs share the machine):",
);
table('cpu', 'CPU time of the same tasks (thread time: the work itself, barely moved by other jobs on the machine):');
console.log('');
console.log(
  `Longest tasks are the larger of the first scan's and the batch's. Left out of the extension's first scan as the page's own loading (PAGE_LOAD_TASKS): ${ms(med(ext, (e) => e.first.pageLoad.wall))} busy. Garbage collection in the extension's script tasks: ${ms(med(ext, (e) => e.first.gc))} during the first scan, ${ms(med(ext, (e) => e.batch.gc))} during the batch.`,
);
console.log(
  `Longest script task of the extension by kind (busy time, median of the rounds; first scan / batch): ${KINDS.map(
    (kind) =>
      `${KIND_LABELS[kind]} ${ms(med(ext, (e) => e.first.byKind[kind]))} / ${ms(med(ext, (e) => e.batch.byKind[kind]))}`,
  ).join('; ')}.`,
);
if (before.length > 0) {
  console.log(
    `The build in BENCH_BEFORE_DIR (${BEFORE_DIR}), longest script task by kind (first scan / batch): ${KINDS.map(
      (kind) =>
        `${KIND_LABELS[kind]} ${ms(med(before, (e) => e.first.byKind[kind]))} / ${ms(med(before, (e) => e.batch.byKind[kind]))}`,
    ).join('; ')}.`,
  );
}
if ([...ext, ...before].some((e) => e.stillParsing)) {
  console.log(
    'Note: the page was still parsing when the content script started in some rounds; that work is included.',
  );
}
