/**
 * JSON documents (an API export, a saved search response): every object's string values form one block, so
 * the "brand" and "title" fields of one product meet.
 */
import type { DocumentBlock } from './blocks';

/** Each block is located by its JSON path: "$.items[3]". */
export function jsonBlocks(text: string): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  const key = (path: string, name: string) =>
    /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      const strings = value.filter((item): item is string => typeof item === 'string');
      if (strings.length > 0) blocks.push({ text: strings.join(' | '), location: path });
      value.forEach((item, index) => {
        if (item !== null && typeof item === 'object') visit(item, `${path}[${index}]`);
      });
      return;
    }
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'string') blocks.push({ text: value, location: path });
      return;
    }
    const strings: string[] = [];
    for (const [name, child] of Object.entries(value)) {
      if (typeof child === 'string') strings.push(child);
      else if (child !== null && typeof child === 'object') visit(child, key(path, name));
    }
    if (strings.length > 0) blocks.push({ text: strings.join(' | '), location: path });
  };
  visit(JSON.parse(text), '$');
  return blocks;
}
