import type { SiteAdapter } from './types';

/**
 * Temu search and listing pages: one goods card per `[data-tooltip*="goodContainer"]` element (older builds:
 * `div._6q6qVUF5._1UrrHYym`), titled by its `h2`/`h3` heading (class `_2BvQbnbN`) or its goods link (`-g-<id>.html`).
 * Temu's class names are generated and change between builds; the selectors are those used by several public
 * Temu scrapers and a Temu userscript found by code search (their repositories are not named by the search
 * index, so they are cited here by what they use). When a build renames them nothing matches and the generic
 * block scan reads the page, so nothing is hidden.
 */
export const temu: SiteAdapter = {
  id: 'temu',
  name: 'Temu',
  hosts: /(^|\.)temu\.com$/,
  itemSelector: '[data-tooltip*="goodContainer"], div._6q6qVUF5._1UrrHYym',
  titleSelector: 'h2, h3, a[href*="-g-"]',
  testUrls: [
    'https://www.temu.com/search_result.html?search_key=hikvision',
    'https://www.temu.com/uk/search_result.html?search_key=cctv',
  ],
};
