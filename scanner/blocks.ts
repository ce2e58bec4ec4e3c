/**
 * Collects page text per *block* (a product card title, a table row cell, a tender lot paragraph), so a
 * name split across inline elements (`<b>Hik</b>vision`) is one string. Reads `Text.data` only, never
 * `innerText`, which would force layout on every call.
 */

/** Elements whose text is one readable unit. Inline elements (b, span, a, em...) belong to their block. */
const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'LEGEND',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'OPTION',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'BUTTON',
  'LABEL',
]);

/** Subtrees whose text nobody reads. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'SELECT',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'HEAD',
  'TITLE',
]);

/** Attributes people read or hear (image alt text, tooltips, screen-reader labels). */
const READABLE_ATTRIBUTES = ['alt', 'title', 'aria-label'] as const;

/** Tag name of the warning host elements this extension inserts; never scanned. */
export const WARNING_HOST_TAG = 'vendorwatch-warning';

export interface TextSegment {
  /** The text node, or the element whose attribute supplied the text. */
  node: Text | Element;
  /** Offset of this segment in the block's text. */
  start: number;
}

export interface Block {
  element: Element;
  text: string;
  segments: TextSegment[];
  /** Where the warning goes, when a site adapter knows better than the block itself (a card's title). */
  anchor?: Element;
}

export function isSkipped(element: Element): boolean {
  return (
    SKIPPED_TAGS.has(element.tagName.toUpperCase()) ||
    element.localName === WARNING_HOST_TAG ||
    element.hasAttribute('hidden')
  );
}

export function isBlockElement(element: Element): boolean {
  return BLOCK_TAGS.has(element.tagName.toUpperCase());
}

/** Nearest block ancestor (or the element itself). */
export function blockOf(node: Node): Element | null {
  let current: Node | null = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
  while (current && current.nodeType === Node.ELEMENT_NODE) {
    const element = current as Element;
    if (isBlockElement(element)) return element;
    current = element.parentNode;
  }
  return current && current.nodeType === Node.DOCUMENT_NODE ? (current as Document).body : null;
}

/** True when some ancestor up to (not including) `stop` is skipped. */
function insideSkipped(node: Node, stop: Node | null): boolean {
  for (let current = node.parentNode; current && current !== stop; current = current.parentNode) {
    if (current.nodeType === Node.ELEMENT_NODE && isSkipped(current as Element)) return true;
  }
  return false;
}

/**
 * Walks `root` once and returns its blocks in document order. A block's text holds only the text that is not
 * inside a nested block, so every character belongs to exactly one block. Segments are separated by a space
 * where an element boundary would visually separate words (`<br>`, attribute text).
 */
export function collectBlocks(root: Element, options: { single?: boolean } = {}): Block[] {
  const doc = root.ownerDocument;
  const byElement = new Map<Element, Block>();
  const order: Block[] = [];
  if (isSkipped(root) || insideSkipped(root, null)) return order;

  const blockFor = (candidate: Element): Block => {
    // In single mode (a site adapter's product card) all text joins one block, so brand and model meet.
    const element = options.single ? root : candidate;
    let block = byElement.get(element);
    if (!block) {
      block = { element, text: '', segments: [] };
      byElement.set(element, block);
      order.push(block);
    }
    return block;
  };
  const append = (block: Block, node: Text | Element, text: string, separate: boolean) => {
    if (separate && block.text.length > 0 && !/\s$/.test(block.text)) block.text += ' ';
    block.segments.push({ node, start: block.text.length });
    block.text += text;
  };

  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === Node.ELEMENT_NODE && isSkipped(node as Element)
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const rootBlock = blockOf(root) ?? root;
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const data = (node as Text).data;
      if (data.trim().length === 0) {
        // Whitespace between inline elements still separates words.
        const parent = node.parentElement;
        const block = parent && blockFor(isBlockElement(parent) ? parent : (blockOf(parent) ?? rootBlock));
        if (block && block.text.length > 0 && !block.text.endsWith(' ')) block.text += ' ';
        continue;
      }
      const parent = node.parentElement;
      if (!parent) continue;
      append(blockFor(isBlockElement(parent) ? parent : (blockOf(parent) ?? rootBlock)), node as Text, data, false);
      continue;
    }
    const element = node as Element;
    if (options.single && element !== root && isBlockElement(element)) {
      // Keep words of neighbouring blocks apart inside one card.
      const block = blockFor(element);
      if (block.text.length > 0 && !block.text.endsWith(' ')) block.text += ' ';
    }
    if (element.tagName === 'BR') {
      const block = blockFor(blockOf(element) ?? rootBlock);
      if (block.text.length > 0) block.text += ' ';
      continue;
    }
    for (const attribute of READABLE_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value?.trim()) {
        const block = blockFor(isBlockElement(element) ? element : (blockOf(element) ?? rootBlock));
        append(block, element, value, true);
        block.text += ' ';
      }
    }
  }
  return order.filter((block) => block.text.trim().length > 0);
}

/** The segment holding `offset` (binary search: segments are sorted by start). */
export function segmentAt(block: Block, offset: number): TextSegment | undefined {
  let low = 0;
  let high = block.segments.length - 1;
  let found: TextSegment | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const segment = block.segments[middle]!;
    if (segment.start <= offset) {
      found = segment;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
