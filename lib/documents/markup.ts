/**
 * How page markup is read, shared by the content script (live DOM) and the scan CLI (saved HTML), so both cut a
 * page into the same blocks. Tag names are lower case (Element.localName for HTML).
 */

/** Elements whose text is one readable unit. Inline elements (b, span, a, em...) belong to their block. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'option',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'button',
  'label',
]);

/** Subtrees whose text nobody reads. */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'select',
  'svg',
  'canvas',
  'iframe',
  'object',
  'head',
  'title',
]);

/** Attributes people read or hear (image alt text, tooltips, screen-reader labels). */
export const READABLE_ATTRIBUTES = ['alt', 'title', 'aria-label'] as const;

/**
 * An element with this attribute, and everything in it, is not read by either reader: the page does not show it.
 * (Hidden by CSS is not knowable from saved markup, so neither reader asks layout; the extension never forces it.)
 */
export const HIDDEN_ATTRIBUTE = 'hidden';
