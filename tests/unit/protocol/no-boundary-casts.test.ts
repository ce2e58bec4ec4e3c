/**
 * No `as` cast on a value the type checker does not know (issue 17: "no `as` cast remains at a message or storage
 * boundary"). What arrives from a message, storage, a policy, a file, an import or a fetch reply is typed `any`,
 * `unknown` or a bare `object` until it is validated; a cast from one of those claims a shape nothing checked. Such
 * values go through zod (or a type-narrowing check) instead. Casts between known types (a DOM event's target, a
 * constant's keys) are not boundaries and are not listed.
 */
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SOURCE_DIRS = ['entrypoints/', 'components/', 'lib/', 'platform/', 'scanner/', 'cli/'];

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(resolve(ROOT, 'tsconfig.json'), ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
}

/** Types that say "not validated yet". */
function isUnchecked(type: ts.Type, checker: ts.TypeChecker): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  const text = checker.typeToString(type);
  return text === 'object' || text === '{}' || /^(Record<string, (unknown|any)>|any\[\]|unknown\[\])$/.test(text);
}

/** `file:line cast` for each cast of an unchecked value in `files` (`as const` and `as unknown` are not casts). */
function uncheckedCasts(program: ts.Program, files: (file: string) => boolean): string[] {
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const source of program.getSourceFiles()) {
    if (!files(source.fileName)) continue;
    const visit = (node: ts.Node) => {
      if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
        const target = node.type.getText(source);
        if (
          target !== 'const' &&
          target !== 'unknown' &&
          isUnchecked(checker.getTypeAtLocation(node.expression), checker)
        ) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push(`${relative(ROOT, source.fileName)}:${line + 1} ${node.getText(source).replace(/\s+/g, ' ')}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('boundary casts', () => {
  it('no source file casts a value typed any, unknown or object', () => {
    const options = compilerOptions();
    const config = ts.readConfigFile(resolve(ROOT, 'tsconfig.json'), ts.sys.readFile);
    const inSources = (file: string) => SOURCE_DIRS.some((dir) => relative(ROOT, file).startsWith(dir));
    const names = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).fileNames.filter(inSources);
    expect(names.length).toBeGreaterThan(100);
    expect(uncheckedCasts(ts.createProgram(names, options), inSources)).toEqual([]);
  }, 120_000);

  it('finds such casts: a message, a storage read, a parsed file, a narrowed object, a caught error', () => {
    const file = resolve(ROOT, 'lib/__cast-probe__.ts');
    const text = `
      declare const raw: unknown;
      declare const stored: Record<string, any>;
      export const message = raw as { type: string };
      export const settings = stored.settings as { sensitivity: string };
      export const parsed = JSON.parse('{}') as { version: number };
      export const shaped = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      try { throw 1; } catch (error) { console.log((error as Error).message); }
      export const fine = [1, 2] as const;
      export const alsoFine = (document.body as HTMLElement).tagName;
      export const widened = raw as unknown;
    `;
    const options = compilerOptions();
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) =>
      name === file ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => name === file || fileExists(name);
    const found = uncheckedCasts(ts.createProgram([file], options, host), (name) => name === file);
    expect(found.map((entry) => entry.replace(/^lib\/__cast-probe__\.ts:\d+ /, ''))).toEqual([
      'raw as { type: string }',
      'stored.settings as { sensitivity: string }',
      "JSON.parse('{}') as { version: number }",
      'raw as Record<string, unknown>',
      'error as Error',
    ]);
  }, 60_000);
});
