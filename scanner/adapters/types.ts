/**
 * A site adapter knows where a site keeps its product cards, result rows or tender lots, and which element in
 * each one a person reads first (the title, the lot heading). Each adapter is one small file plus one fixture
 * page; pages no adapter claims get the generic block scan.
 */
export interface SiteAdapter {
  /** Stable id, also the fixture's file name: tests/fixtures/sites/<id>.html. */
  id: string;
  /** Human name for logs and the README table. */
  name: string;
  /** Hostnames the adapter serves, e.g. /(^|\.)amazon\.(com|co\.uk|de)$/. */
  hosts: RegExp;
  /** One card / result row / lot: its whole text is scanned as one block, so brand and model meet. */
  itemSelector: string;
  /** Inside an item, where the warning is placed (falls back to the item itself). */
  titleSelector: string;
  /** Real-world pages this adapter was checked against (for the next maintainer). */
  testUrls: string[];
}
