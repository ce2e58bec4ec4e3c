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
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (++depth > limits.maxXmlDepth) {
          throw new DocumentError(`${entry.name} nests elements more than ${limits.maxXmlDepth} deep; not read`);
        }
        handler.open?.(name, attributes);
      },
      ontext(text) {
        handler.text?.(text);
      },
      onclosetag(name) {
        depth--;
        handler.close?.(name);
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
