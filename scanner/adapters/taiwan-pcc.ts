import type { SiteAdapter } from './types';

/**
 * Taiwan's Government e-Procurement System (政府電子採購網, web.pcc.gov.tw) tender search: one tender per row of
 * `table.tb_01` (agency in the second cell, case number and tender name in the third). Selectors from a public
 * PCC scraper found by code search (its repository is not named by the search index; it parses `table.tb_01`
 * rows, skipping the header, with the name in `cells[2]`). That scraper takes the name from the page's
 * `pageCode2Img("…")` script call, so the page may draw the name from script; what the script leaves in the page
 * as text is read, and if it draws the name as an image only the case number and agency can be read (unconfirmed).
 */
export const taiwanPcc: SiteAdapter = {
  id: 'taiwan-pcc',
  name: 'Government e-Procurement System (Taiwan)',
  hosts: /(^|\.)pcc\.gov\.tw$/,
  itemSelector: 'table.tb_01 tr',
  titleSelector: 'td:nth-child(3)',
  testUrls: [
    'https://web.pcc.gov.tw/prkms/tender/common/basic/readTenderBasic?firstSearch=true&searchType=basic&tenderName=%E7%9B%A3%E8%A6%96',
  ],
};
