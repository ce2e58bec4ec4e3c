/**
 * JSON documents (an API export, a saved search response): every object's string values form one block, so
 * the "brand" and "title" fields of one product meet.
 */
export function jsonBlocks(text: string): string[] {
  const blocks: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      const strings = value.filter((item): item is string => typeof item === 'string');
      if (strings.length > 0) blocks.push(strings.join(' | '));
      for (const item of value) if (item !== null && typeof item === 'object') visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'string') blocks.push(value);
      return;
    }
    const strings: string[] = [];
    for (const child of Object.values(value)) {
      if (typeof child === 'string') strings.push(child);
      else if (child !== null && typeof child === 'object') visit(child);
    }
    if (strings.length > 0) blocks.push(strings.join(' | '));
  };
  visit(JSON.parse(text));
  return blocks;
}
