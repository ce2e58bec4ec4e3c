/**
 * The goals of issue 14 on the held-out accuracy set (tests/accuracy/set), measured through the scan CLI's reading
 * path at each sensitivity (`npm run bench:accuracy` prints the full table). Goals the engine meets on main are
 * held here; the others are listed as todo with the number last measured, and move up to a real test as soon as
 * they are met. A goal is never lowered to make a test pass.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cameraGroup,
  evaluateModels,
  evaluatePages,
  evidenceRecall,
  loadBundledWatchlist,
  type ModelResult,
  type PageResult,
  precision,
  readSet,
  recall,
} from '../../accuracy/evaluate';
import { loadModels, SENSITIVITIES } from '../../accuracy/labels';

let pages: PageResult;
let models: ModelResult;

beforeAll(() => {
  const list = loadBundledWatchlist();
  pages = evaluatePages(readSet(), list);
  models = evaluateModels(loadModels(), list);
}, 180_000);

describe('accuracy on the held-out set', () => {
  it.each(SENSITIVITIES)('vendor precision is at least 0.98 at %s sensitivity', (sensitivity) => {
    const falseFlags = pages.problems
      .filter((p) => p.sensitivity === sensitivity && p.type === 'false-flag')
      .map((p) => `${p.file}: ${p.vendor} on "${p.text}"`);
    expect(precision(pages.bySensitivity[sensitivity].total), falseFlags.join('\n')).toBeGreaterThanOrEqual(0.98);
  });

  it.each(SENSITIVITIES)("flags at most 1% of other makers' real model numbers at %s sensitivity", (sensitivity) => {
    const { others } = models.bySensitivity[sensitivity];
    const flagged = models.misses
      .filter((m) => m.sensitivity === sensitivity && !m.entry.vendor)
      .map((m) => `${m.entry.maker} ${m.entry.model}: ${m.got}`);
    expect(others.total).toBeGreaterThan(2000);
    expect(others.flagged / others.total, flagged.join('\n')).toBeLessThanOrEqual(0.01);
  });

  it.each(SENSITIVITIES)('vendor recall is at least 0.98 at %s sensitivity', (sensitivity) => {
    const missed = pages.problems
      .filter((p) => p.sensitivity === sensitivity && p.type === 'missed-vendor')
      .map((p) => `${p.file}: ${p.vendor}`);
    expect(recall(pages.bySensitivity[sensitivity].total), missed.join('\n')).toBeGreaterThanOrEqual(0.98);
  });

  it.each(SENSITIVITIES)('evidence recall is at least 0.95 at %s sensitivity', (sensitivity) => {
    const missed = pages.problems
      .filter((p) => p.sensitivity === sensitivity && p.type === 'missed-evidence')
      .map((p) => `${p.file}: ${p.vendor} "${p.text}" (${p.detail})`);
    expect(evidenceRecall(pages.bySensitivity[sensitivity].total), missed.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it.each(SENSITIVITIES)('no must-not-flag string is flagged at %s sensitivity', (sensitivity) => {
    const hits = pages.problems
      .filter((p) => p.sensitivity === sensitivity && p.type === 'trap-hit')
      .map((p) => `${p.file}: "${p.text}" by ${p.vendor} on "${p.detail}"`);
    expect(hits).toEqual([]);
  });

  it.each(['balanced', 'broad'] as const)(
    'finds at least 95% of the Hikvision/Dahua group’s bare camera model numbers at %s sensitivity',
    (sensitivity) => {
      const group = cameraGroup(models, sensitivity);
      const missed = models.misses
        .filter((m) => m.sensitivity === sensitivity && ['hikvision', 'dahua'].includes(m.entry.vendor))
        .map((m) => `${m.entry.maker} ${m.entry.model}`);
      expect(group.total).toBeGreaterThan(1500);
      expect(group.found / group.total, missed.join(' ')).toBeGreaterThanOrEqual(0.95);
    },
  );

  // Met on 2026-12-03 (models2): 0.951 at balanced, 0.962 at broad. Codes other makers share (bare EC25, EM12, MF622,
  // L850-GL, E173) still need their maker named; fragments users typed into the camera database ("DS-2CD") stay missed.
  it.each(['balanced', 'broad'] as const)(
    "finds at least 95% of every listed maker's bare model numbers at %s sensitivity",
    (sensitivity) => {
      const { listed } = models.bySensitivity[sensitivity];
      const missed = models.misses
        .filter((m) => m.sensitivity === sensitivity && m.entry.vendor)
        .map((m) => `${m.entry.maker} ${m.entry.model}`);
      expect(listed.total).toBeGreaterThan(1800);
      expect(listed.found / listed.total, missed.join(' ')).toBeGreaterThanOrEqual(0.95);
    },
  );
});
