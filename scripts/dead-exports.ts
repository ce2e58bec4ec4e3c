/**
 * `npm run lint:exports [-- --strict]`: lists exports that no other file imports (drop the `export`, or the code if
 * the file does not use it either) and exports that only tests import (a path production never takes: test the real
 * one, or keep it only if it is a unit the file itself uses). Uses the TypeScript language service over the whole
 * project. WXT entrypoints' default exports are the framework's and not listed.
 *
 * Exit status: 0, or 1 with --strict when some export is imported by no other file; --strict (what `npm run lint`
 * runs, about 10 s) lists only those.
 */
import { relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const config = ts.readConfigFile(resolve(ROOT, 'tsconfig.json'), ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
const service = ts.createLanguageService(
  {
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) =>
      ts.sys.fileExists(file) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(file) ?? '') : undefined,
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  },
  ts.createDocumentRegistry(),
);
const program = service.getProgram()!;
const checker = program.getTypeChecker();
const isTest = (file: string) => file.includes('/tests/');
const isProjectSource = (file: string) =>
  file.startsWith(`${ROOT}/`) && !/\/(node_modules|\.wxt|\.output)\//.test(file) && !isTest(file);

const unused: string[] = [];
const testsOnly: string[] = [];
for (const source of program.getSourceFiles()) {
  if (!isProjectSource(source.fileName)) continue;
  const module = checker.getSymbolAtLocation(source);
  if (!module) continue;
  for (const symbol of checker.getExportsOfModule(module)) {
    const declaration = symbol.declarations?.[0] as ts.NamedDeclaration | undefined;
    if (symbol.escapedName === 'default' || !declaration || declaration.getSourceFile() !== source) continue;
    const at = (declaration.name ?? declaration).getStart();
    const users = new Set<string>();
    for (const group of service.findReferences(source.fileName, at) ?? [])
      for (const reference of group.references)
        if (reference.fileName !== source.fileName) users.add(reference.fileName);
    const line = `${relative(ROOT, source.fileName)}: ${String(symbol.escapedName)}`;
    if (users.size === 0) unused.push(line);
    else if ([...users].every(isTest)) testsOnly.push(line);
  }
}
if (process.argv.includes('--strict')) {
  // Part of `npm run lint`: only what fails it is listed.
  if (unused.length > 0) {
    console.error(`Exports imported by no other file (${unused.length}):\n${unused.sort().join('\n')}`);
    console.error('Drop the `export` (or the code, if the file does not use it either).');
    process.exitCode = 1;
  }
} else {
  console.log(`Imported by no other file (${unused.length}):\n${unused.sort().join('\n')}\n`);
  console.log(`Imported only by tests (${testsOnly.length}):\n${testsOnly.sort().join('\n')}`);
}
