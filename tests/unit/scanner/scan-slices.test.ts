/**
 * The first scan's work after the walk runs in short tasks (issue 17): the text goes to the background in messages of
 * at most 32 KB (serialising a message is one task on the page's main thread), and warnings are put in within the
 * reading's time budget, yielding between slices, not all in one task. In linkedom, with a clock that moves 1 ms
 * each time the scanner looks at it and every timer callback counted as a new task.
 */
import { parseHTML } from 'linkedom';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PageScanner as PageScannerType } from '../../../scanner/page-scanner';
import { engineMatch, NO_USER_ACTIONS } from './engine-scanner';

let PageScanner: typeof PageScannerType;

const page = (cards: number) => {
  const html = Array.from({ length: cards }, (_, i) => {
    const title = i % 2 === 0 ? `Hikvision DS-2CD2143G2-I dome ${i}` : `Axis M2025-LE bullet ${i}`;
    return `<div class="card"><h3>${title}</h3><p>${'In stock, ships tomorrow. '.repeat(8)}</p></div>`;
  });
  return parseHTML(`<!doctype html><html lang="en"><body><main>${html.join('')}</main></body></html>`);
};

beforeAll(async () => {
  // The warning's component renders with the document it is given; Preact only needs globals to exist.
  const { window, document } = page(0);
  Object.assign(globalThis, { window, document });
  ({ PageScanner } = await import('../../../scanner/page-scanner'));
});
afterEach(() => vi.restoreAllMocks());

async function scan(cards: number) {
  const { document } = page(cards);
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => ++now);
  // Each timer callback is a task of its own: count the warnings each task put in.
  const hosts = () => document.querySelectorAll('vendorwatch-warning').length;
  const perTask: number[] = [];
  let before = 0;
  const realSetTimeout = globalThis.setTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) =>
    realSetTimeout(() => {
      perTask.push(hosts() - before);
      before = hosts();
      callback();
    }, ms)) as typeof setTimeout);
  const sent: number[] = [];
  const scanner = new PageScanner({
    doc: document,
    signal: new AbortController().signal,
    match: engineMatch((texts) => sent.push(texts.reduce((sum, text) => sum + text.length, 0))),
    ...NO_USER_ACTIONS,
    onFindingsChanged: () => undefined,
  });
  await scanner.start(document.body);
  perTask.push(hosts() - before);
  return { sent, perTask, placed: hosts(), found: scanner.findings().length };
}

describe('the first scan after the walk', () => {
  it('sends the text in messages of at most 32 KB', async () => {
    const { sent } = await scan(600);
    expect(sent.reduce((a, b) => a + b, 0)).toBeGreaterThan(100_000);
    expect(sent.length).toBeGreaterThan(3);
    for (const chars of sent) expect(chars).toBeLessThanOrEqual(32 * 1024);
  });

  it('puts the warnings in over several tasks, each within the time budget, and places every one', async () => {
    const { perTask, placed, found } = await scan(120);
    expect(found).toBe(60);
    expect(placed).toBe(60);
    // The clock moves 1 ms per look: the 8 ms budget allows a few warnings per task, never all 60 at once.
    expect(Math.max(...perTask)).toBeLessThanOrEqual(10);
    expect(perTask.filter((count) => count > 0).length).toBeGreaterThan(5);
  });
});
