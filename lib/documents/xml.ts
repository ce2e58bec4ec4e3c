/**
 * Streaming XML for the office formats: a ZIP entry is inflated slice by slice and each slice goes straight into
 * htmlparser2 in XML mode, so a part is never held whole. htmlparser2 is already the HTML reader here, is
 * well kept, and never expands entities declared in a DTD, which defuses billion-laughs files by construction: an
 * undeclared "&lol9;" stays the six characters it is.
 */
import { Parser } from 'htmlparser2';
import { DocumentError } from './blocks';
import type { ReadLimits } from './limits';
import { type Budget, streamEntry, type ZipEntry } from './zip';

/**
 * The prefixes the readers match on, by namespace. Office writes these, but other writers choose their own: .NET's
 * Open XML SDK writes spreadsheets as <x:worksheet xmlns:x="...spreadsheetml/2006/main"><x:c>, others use "ns0:" or a
 * default namespace. Names are rewritten to these prefixes as they stream, so every writer reads the same; ISO
 * 29500 Strict files (purl.oclc.org namespaces) map to the same prefixes.
 */
const CANONICAL: Record<string, string> = {
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main': '',
  'http://purl.oclc.org/ooxml/spreadsheetml/main': '',
  'http://schemas.openxmlformats.org/package/2006/relationships': '',
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.openxmlformats.org/presentationml/2006/main': 'p',
  'http://purl.oclc.org/ooxml/presentationml/main': 'p',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'urn:oasis:names:tc:opendocument:xmlns:office:1.0': 'office',
  'urn:oasis:names:tc:opendocument:xmlns:text:1.0': 'text',
  'urn:oasis:names:tc:opendocument:xmlns:table:1.0': 'table',
  'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0': 'draw',
  'urn:oasis:names:tc:opendocument:xmlns:presentation:1.0': 'presentation',
};

/** Prefix (without the colon; '' for the default namespace) -> the canonical prefix to write instead. */
type Renames = Map<string, string>;

/** The renames an element's namespace declarations add to those in scope, or null when it declares none that matter. */
function declaredRenames(attributes: Record<string, string>, inScope: Renames): Renames | null {
  let renames: Renames | null = null;
  for (const key in attributes) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    const prefix = key === 'xmlns' ? '' : key.slice(6);
    const canonical = CANONICAL[attributes[key]!];
    const current = inScope.get(prefix);
    // A prefix bound to a namespace we do not know keeps its own name, even if an outer scope renamed it.
    const wanted = canonical ?? prefix;
    if (current === wanted || (current === undefined && wanted === prefix)) continue;
    renames ??= new Map(inScope);
    if (wanted === prefix) renames.delete(prefix);
    else renames.set(prefix, wanted);
  }
  return renames;
}

function rename(name: string, renames: Renames): string {
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const to = renames.get(prefix);
  if (to === undefined) return name;
  const local = colon < 0 ? name : name.slice(colon + 1);
  return to ? `${to}:${local}` : local;
}

function renameAttributes(attributes: Record<string, string>, renames: Renames): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in attributes) {
    // Unprefixed attributes are in no namespace whatever the default namespace is: only prefixed ones move.
    out[key.includes(':') && !key.startsWith('xmlns') ? rename(key, renames) : key] = attributes[key]!;
  }
  return out;
}

export interface XmlHandler {
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

/** Parses one XML entry of a ZIP container, calling `handler` as elements open and close. */
export function streamXml(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ReadLimits,
  budget: Budget,
  handler: XmlHandler,
): void {
  let depth = 0;
  // Namespace renames in scope, and the depths at which an element changed them (restored when it closes). Office's
  // own files declare the usual prefixes, so `renames` stays empty and names pass through untouched.
  let renames: Renames = new Map();
  const saved: Array<{ depth: number; renames: Renames }> = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (++depth > limits.maxXmlDepth) {
          throw new DocumentError(`${entry.name} nests elements more than ${limits.maxXmlDepth} deep; not read`);
        }
        const declared = declaredRenames(attributes, renames);
        if (declared) {
          saved.push({ depth, renames });
          renames = declared;
        }
        if (renames.size === 0) handler.open?.(name, attributes);
        else handler.open?.(rename(name, renames), renameAttributes(attributes, renames));
      },
      ontext(text) {
        handler.text?.(text);
      },
      onclosetag(name) {
        handler.close?.(renames.size === 0 ? name : rename(name, renames));
        if (saved.at(-1)?.depth === depth) renames = saved.pop()!.renames;
        depth--;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  const decoder = new TextDecoder('utf-8');
  streamEntry(bytes, entry, limits, budget, (chunk) => parser.write(decoder.decode(chunk, { stream: true })));
  parser.write(decoder.decode());
  parser.end();
}

/** Reads a small XML part whole into a list of (element, attributes) pairs: relationships, workbook, manifest. */
export function xmlElements(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ReadLimits,
  budget: Budget,
  wanted: string,
): Array<Record<string, string>> {
  const found: Array<Record<string, string>> = [];
  streamXml(bytes, entry, limits, budget, {
    open(name, attributes) {
      if (name === wanted) found.push(attributes);
    },
  });
  return found;
}
