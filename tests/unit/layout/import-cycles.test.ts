/**
 * lib/ has no import cycles: modules load after their dependencies, so in a cycle one module sees another
 * half-initialised (an `undefined` constant at load time), and a layer that imports its caller cannot be used or
 * tested alone (lib/matching once had one). Type-only imports count too: the same knot, only erased at build time.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, sourceFiles } from './import-graph';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('import graph of lib/', () => {
  it('finds a cycle made of type-only, re-export and dynamic imports (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-cycles-'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b/index';\nexport type A = B;\n");
    writeFileSync(join(dir, 'b/index.ts'), "export { c as B } from '../c';\n");
    writeFileSync(join(dir, 'c.ts'), "export const c = () => import('./a');\nimport { z } from 'zod';\n");
    writeFileSync(join(dir, 'd.ts'), "import {\n  type A,\n} from './a';\n");
    const graph = importGraph(sourceFiles(dir));
    expect(findCycles(graph).map((cycle) => cycle.map((file) => relative(dir, file)))).toEqual([
      ['a.ts', join('b', 'index.ts'), 'c.ts', 'a.ts'],
    ]);
  });

  it('has no cycles', () => {
    const graph = importGraph(sourceFiles(join(ROOT, 'lib')));
    expect(graph.size).toBeGreaterThan(20);
    const cycles = findCycles(graph).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' -> '));
    expect(cycles).toEqual([]);
  });
});
