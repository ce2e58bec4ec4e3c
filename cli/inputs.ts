/**
 * What the scan CLI reads: the files named on the command line, the files inside a named folder (recursively), and
 * standard input for `-`; and the human wording of the reasons one cannot be read.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { READ_EXTENSIONS } from '../lib/documents/read';
import { errorMessage, errorProperty } from '../lib/error-message';

/**
 * Extensions read when walking a folder: every format lib/documents reads, and the archives and legacy Office files
 * a procurement folder often holds, which are reported with a reason (save as .docx, save the pack as .zip) rather
 * than passed over in silence. Images, scripts and styles next to a saved page are ignored.
 */
const FOLDER_EXTENSIONS = new Set([...READ_EXTENSIONS, '7z', 'rar', 'dot', 'xlt', 'pps'].map((e) => `.${e}`));

type Input = { kind: 'file'; path: string } | { kind: 'stdin' } | { kind: 'error'; path: string; message: string };

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
  const code = errorProperty(error, 'code');
  if (typeof code === 'string' && ERROR_WORDS[code]) return ERROR_WORDS[code];
  return errorMessage(error);
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
      if (FOLDER_EXTENSIONS.has(extension)) out.push({ kind: 'file', path });
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
    const info = await stat(arg).then(
      (stats) => ({ stats }),
      (error: unknown) => ({ error }),
    );
    if ('error' in info) inputs.push({ kind: 'error', path: arg, message: describeError(info.error) });
    else if (info.stats.isDirectory()) {
      const before = inputs.length;
      await walk(arg, inputs);
      if (inputs.length === before) {
        inputs.push({
          kind: 'error',
          path: arg,
          message:
            'no documents in this folder (PDF, Word, Excel, PowerPoint, OpenDocument, ZIP, HTML, text, CSV or JSON)',
        });
      }
    } else inputs.push({ kind: 'file', path: arg });
  }
  return inputs;
}

export async function readBytes(input: { kind: 'file'; path: string } | { kind: 'stdin' }): Promise<Uint8Array> {
  if (input.kind === 'file') return readFile(input.path);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}
