/**
 * Where a warning goes: at the end of the title or block, where a person reading it will see it. Never inside a
 * link or button (a click on the warning would follow the link), never as a direct child of an element that may
 * not hold one (a table row, a list): there it goes just after the matched text.
 */
import type { Block } from './blocks';
import { segmentAt } from './blocks';

/** Containers that may not hold a phrasing element directly: the warning goes beside the text instead. */
const NO_INLINE_CHILD = new Set(['TR', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'UL', 'OL', 'DL', 'SELECT']);

const INTERACTIVE = 'a[href], button, label, summary, select';

export function placeWarning(block: Block, matchStart: number, host: Element): void {
  const target = block.anchor ?? block.element;
  const interactive = target.closest(INTERACTIVE) ?? target.querySelector(`:scope > ${INTERACTIVE}:only-child`);
  if (interactive && interactive !== target.ownerDocument.body) {
    // Outermost interactive ancestor, so the warning sits just after the whole link.
    let outer = interactive;
    for (let up = outer.parentElement?.closest(INTERACTIVE); up; up = up.parentElement?.closest(INTERACTIVE))
      outer = up;
    outer.after(host);
    return;
  }
  if (!NO_INLINE_CHILD.has(target.tagName.toUpperCase())) {
    target.append(host);
    return;
  }
  const segment = segmentAt(block, matchStart);
  const node = segment?.node ?? target.lastChild;
  if (node?.parentNode) node.parentNode.insertBefore(host, node.nextSibling);
  else target.append(host);
}
