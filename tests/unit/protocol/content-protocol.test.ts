/**
 * The content script's part of the protocol (issue 17: the page loads only its own messages' schemas). Its table is
 * the whole protocol's, entry for entry; its router refuses every other message; and nothing the content script
 * imports at run time reaches the whole protocol, the settings, the watchlist's schema, the English messages (it
 * renders with the browser's i18n) or zod's full API.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONTENT_PROTOCOL } from '../../../lib/content-protocol';
import { PROTOCOL } from '../../../lib/protocol';
import { createTableRouter } from '../../../lib/protocol-core';

const ROOT = resolve(import.meta.dirname, '../../..');
const OWN = { id: 'vendorwatch@example', origin: 'chrome-extension://vendorwatch/' };
const POPUP = { id: OWN.id, url: `${OWN.origin}popup.html` };

describe('the content script’s table', () => {
  it('is the whole protocol’s, entry for entry, with every message to or from a content script', () => {
    for (const [type, spec] of Object.entries(CONTENT_PROTOCOL)) {
      expect(Object.entries(PROTOCOL).find(([other]) => other === type)?.[1], type).toBe(spec);
    }
    const involvingContent = Object.entries(PROTOCOL)
      .filter(([, spec]) => spec.from === 'content' || spec.to === 'content')
      .map(([type]) => type);
    expect(Object.keys(CONTENT_PROTOCOL).sort()).toEqual(involvingContent.sort());
  });

  it('routes its own messages and refuses the extension pages’ ones as unknown', async () => {
    const calls: string[] = [];
    const route = createTableRouter(CONTENT_PROTOCOL, {
      receiver: 'content',
      own: OWN,
      handlers: {
        'reveal-finding': () => {
          calls.push('reveal-finding');
          return true;
        },
        'sites-changed': () => null,
        rescan: () => null,
      },
    });
    expect(await route({ type: 'reveal-finding', index: 2 }, POPUP)).toEqual({ ok: true, reply: true });
    expect(await route({ type: 'reveal-finding', index: -2 }, POPUP)).toMatchObject({ ok: false });
    expect(await route({ type: 'get-tab-state', tabId: 1 }, POPUP)).toMatchObject({
      ok: false,
      error: expect.stringContaining('unknown message type'),
    });
    // Sent by the content script to the background: not the content script's to answer.
    expect(route({ type: 'get-scan-config' }, POPUP)).toBeUndefined();
    expect(calls).toEqual(['reveal-finding']);
  });
});

/** The files `file` imports at run time (type-only imports are erased by the build), resolved to the repository. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: string[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly));
      if (!typeOnly) specifier = statement.moduleSpecifier;
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      specifier = statement.moduleSpecifier;
    }
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const name = specifier.text;
    if (!name.startsWith('.')) {
      found.push(name);
      continue;
    }
    const base = resolve(dirname(file), name);
    const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`];
    const hit = candidates.find((candidate) => {
      try {
        return readFileSync(candidate) !== undefined && !candidate.endsWith('/');
      } catch {
        return false;
      }
    });
    if (hit) found.push(hit);
  }
  return found;
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (/\.tsx?$/.test(file)) queue.push(...runtimeImports(file));
  }
  return new Set([...seen].map((file) => (file.startsWith('/') ? relative(ROOT, file) : file)));
}

describe('what the content script loads', () => {
  const loaded = reachable(resolve(ROOT, 'entrypoints/content/index.ts'));

  it('follows the imports (the walk finds the scanner and the content protocol)', () => {
    expect(loaded).toContain('scanner/page-scanner.ts');
    expect(loaded).toContain('lib/content-protocol.ts');
    expect(loaded).toContain('zod/mini');
  });

  it('never reaches the whole protocol, the settings, the watchlist schema, the engine, the English messages or zod’s full API', () => {
    for (const heavy of [
      'lib/protocol.ts',
      'lib/i18n/english.ts',
      'public/_locales/en/messages.json',
      'lib/storage.ts',
      'lib/settings/index.ts',
      'lib/watchlist/schema.ts',
      'lib/engine/index.ts',
      'platform/messaging.ts',
      'platform/storage.ts',
      'zod',
    ]) {
      expect(loaded, heavy).not.toContain(heavy);
    }
  });
});
