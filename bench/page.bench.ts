/**
 * `npm run bench:page`: in real Chromium, a results page of 5,000 product cards loaded with and without the
 * extension. Reports the extension's main-thread time (the difference in the page's CDP TaskDuration) as a ratio to
 * a bare TreeWalker read of the same text measured in the same run, the longest task, and the per-card cost of a
 * later batch of 1,000 cards against the first scan. Prints numbers; never fails on time.
 * Needs a build first (`npm run build`).
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
const TITLES = [
  'Axis M2025-LE Bullet Network Camera 1080p PoE',
  'Reolink 4K PoE Security Camera with Person Detection',
  'Hanwha Vision QND-6012R 2MP IR Dome Camera',
  'Bosch FLEXIDOME IP 3000i 2MP Dome',
  'TP-Link Tapo C320WS Outdoor Wi-Fi Camera',
];
const FLAGGED = ['Hikvision DS-2CD2143G2-I 4MP Dome', 'HiLook IPC-B140H 4MP bullet', 'Dahua IPC-HFW2431S-S-S2'];

function card(i: number): string {
  const title = i % 50 === 0 ? FLAGGED[(i / 50) % FLAGGED.length]! : TITLES[i % TITLES.length]!;
  return `<div class="card" data-sku="${i}"><img alt="product photo" src="data:,"><h3><a href="#${i}">${title}</a></h3><p class="spec">PoE · IP67 · <b>${i % 5}</b> stars (${i * 3} reviews)</p><p class="price">£${(20 + (i % 300)).toFixed(2)}</p></div>`;
}

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title></head><body><main id="results">${Array.from({ length: CARDS }, (_, i) => card(i)).join('')}</main>
<script>
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  window.appendBatch = (html) => document.getElementById('results').insertAdjacentHTML('beforeend', html);
</script></body></html>`;
const batchHtml = Array.from({ length: BATCH }, (_, i) => card(CARDS + i)).join('');

const dir = await mkdtemp(join(tmpdir(), 'vendorwatch-bench-'));
await writeFile(join(dir, 'results.html'), page);
const server = await startServer({ '/bench/': dir });
const url = server.url('/bench/results.html');

/** Main-thread task time of the page's renderer so far, via a CDP session with the Performance domain on. */
async function metered(p: Page): Promise<() => Promise<number>> {
  const session = await p.createCDPSession();
  await session.send('Performance.enable');
  return async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration')!.value;
  };
}

const settle = () => new Promise((r) => setTimeout(r, 1500));

// Without the extension: page cost, batch cost and the bare TreeWalker read.
const plainBrowser = await puppeteer.launch({
  executablePath: chromiumPath(),
  headless: true,
  args: CHROMIUM_ARGS,
  pipe: true,
});
const plain = await plainBrowser.newPage();
const plainTasks = await metered(plain);
await plain.goto(url, { waitUntil: 'load' });
await settle();
const plainLoad = await plainTasks();
const plainLongest = await plain.evaluate(() =>
  Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks),
);
const treeWalkerMs = await plain.evaluate(() => {
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
await plain.evaluate((html) => (window as unknown as { appendBatch(h: string): void }).appendBatch(html), batchHtml);
await settle();
const plainBatch = (await plainTasks()) - plainLoad;
await plainBrowser.close();

// With the extension.
const run = await launchWithExtension('chromium');
const ext = await run.browser.newPage();
const extTasks = await metered(ext);
await ext.goto(url, { waitUntil: 'load' });
const first = await run.waitForTabState(ext, (s) => s.findings.length >= CARDS / 50, 60_000);
await settle();
const extLoad = await extTasks();
const longestFirst = await ext.evaluate(() =>
  Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks),
);
await ext.evaluate(() => {
  (window as unknown as { __longTasks: number[] }).__longTasks.length = 0;
});
await ext.evaluate((html) => (window as unknown as { appendBatch(h: string): void }).appendBatch(html), batchHtml);
await run.waitForTabState(ext, (s) => s.findings.length >= (CARDS + BATCH) / 50, 60_000);
await settle();
const extBatch = (await extTasks()) - extLoad;
const longestBatch = await ext.evaluate(() =>
  Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks),
);
await run.close();
await server.close();
await rm(dir, { recursive: true, force: true });

const extensionFirstMs = (extLoad - plainLoad) * 1000;
const extensionBatchMs = (extBatch - plainBatch) * 1000;
const perCardFirst = extensionFirstMs / CARDS;
const perCardBatch = extensionBatchMs / BATCH;
console.log(`VendorWatch page benchmark: ${CARDS} product cards in real Chromium (${first.findings.length} findings)`);
console.log(`  bare TreeWalker read of the page text      ${treeWalkerMs.toFixed(1)} ms`);
console.log(
  `  extension main-thread time, first scan     ${extensionFirstMs.toFixed(1)} ms  (${(extensionFirstMs / treeWalkerMs).toFixed(1)}x the bare read; target < 2x)`,
);
console.log(
  `  longest task with the extension            ${longestFirst.toFixed(0)} ms first scan, ${longestBatch.toFixed(0)} ms batch  (target: none over 50 ms; 0 = no long task)`,
);
console.log(
  `  longest task without the extension         ${plainLongest.toFixed(0)} ms (the page's own parse and layout)`,
);
console.log(
  `  per-card cost: first scan ${(perCardFirst * 1000).toFixed(1)} µs, later batch of ${BATCH} ${(perCardBatch * 1000).toFixed(1)} µs  (ratio ${(perCardBatch / perCardFirst).toFixed(2)}; ~1 means proportional to the batch)`,
);
