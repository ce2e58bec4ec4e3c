import type { SiteAdapter } from './types';

/**
 * AusTender (tenders.gov.au) search results: contract notices as one `article` each in `#mainContent` (label and
 * value pairs in `div.col-sm-8`, a "Full Details" `a.detail` link), approaches to market as rows of `div.boxEQH`
 * with the title in `div.col-sm-4 > div > p`. Selectors from Shoebn/gecaws, live_scripts/au_tenders_ca.py
 * (`#mainContent/div[3]/div[2]/article/div/div[2]`, `a.detail`, `div.last-updated`) and
 * live_scripts/au_tenders_spn.py (`div.boxEQH div.row`, `div.col-sm-4 > div > p`). The notice's own title is not
 * named there for contract notices, so their warning goes beside the "Full Details" link.
 */
export const austender: SiteAdapter = {
  id: 'austender',
  name: 'AusTender (Australia)',
  hosts: /(^|\.)tenders\.gov\.au$/,
  itemSelector: '#mainContent article, div.boxEQH div.row',
  titleSelector: 'div.col-sm-4 > div > p, a.detail',
  testUrls: [
    'https://www.tenders.gov.au/Search/CnAdvancedSearch?SearchFrom=CnSearch&Type=Cn&KeywordTypeSearch=AllWord&Keyword=cctv',
    'https://www.tenders.gov.au/atm',
  ],
};
