/**
 * What the scan CLI reads: the files named on the command line, the files inside a named folder (recursively), and
 * standard input for `-`; and the human wording of the reasons one cannot be read.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** Extensions scanned when walking a folder (the formats lib/documents reads). */
export const SCANNED_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.csv', '.tsv', '.json', '.txt', '.text', '.md']);

/**
 * Document types a procurement folder often holds that mostly cannot be scanned yet. Walking a folder reads them
 * too, so their content decides: a PDF or a Word file is reported as skipped (a tender pack's PDF must not pass
 * silently), while an RTF file or an old "HTML saved as .doc" is text and is scanned. Images, scripts and styles next
 * to a saved page are ignored.
 */
export const DOCUMENT_EXTENSIONS = new Set([
  '.pdf',
  '.doc',
  '.docx',
  '.xls',
  '.xlsx',
  '.ppt',
  '.pptx',
  '.odt',
  '.ods',
  '.odp',
  '.rtf',
  '.zip',
  '.7z',
  '.rar',
]);

export type Input =
  | { kind: 'file'; path: string }
  | { kind: 'stdin' }
  | { kind: 'error'; path: string; message: string };

const ERROR_WORDS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EBUSY: 'the file is busy',
};

/** "no such file" rather than "ENOENT". */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code && ERROR_WORDS[code]) return ERROR_WORDS[code];
  return (error as Error)?.message ?? String(error);
}

async function walk(folder: string, out: Input[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    out.push({ kind: 'error', path: folder, message: describeError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // Hidden files and folders (.git, .DS_Store) and installed packages are not documents.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    let isFolder = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      isFolder = false; // never follow folder links: they can loop
      isFile = target?.isFile() ?? false;
    }
    if (isFolder) {
      await walk(path, out);
    } else if (isFile) {
      const extension = extname(entry.name).toLowerCase();
      if (SCANNED_EXTENSIONS.has(extension) || DOCUMENT_EXTENSIONS.has(extension)) out.push({ kind: 'file', path });
    }
  }
}

/**
 * The inputs for the command-line arguments, in order: a folder becomes its scannable files (sorted, recursively); a
 * named file is read whatever its extension (its content decides); a missing path becomes an error entry.
 */
export async function expandInputs(args: string[]): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ kind: 'stdin' });
      continue;
    }
    const info = await stat(arg).catch((error: unknown) => error as Error);
    if (info instanceof Error) inputs.push({ kind: 'error', path: arg, message: describeError(info) });
    else if (info.isDirectory()) {
      const before = inputs.length;
      await walk(arg, inputs);
      if (inputs.length === before) {
        inputs.push({ kind: 'error', path: arg, message: 'no HTML, text, CSV or JSON files in this folder' });
      }
    } else inputs.push({ kind: 'file', path: arg });
  }
  return inputs;
}

export async function readBytes(input: { kind: 'file'; path: string } | { kind: 'stdin' }): Promise<Uint8Array> {
  if (input.kind === 'file') return readFile(input.path);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
