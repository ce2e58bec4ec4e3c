/**
 * The printable evidence report: the popup stores the finished HTML (built by lib/evidence/format, which escapes
 * all page-derived text) in session storage; this page shows it and offers Print.
 */
import { t } from '../../components/i18n';
import { STORAGE } from '../../lib/storage';
import { getItem } from '../../platform/storage';

async function show() {
  const id = new URLSearchParams(location.search).get('id') ?? '';
  const html = await getItem(STORAGE.report(id));
  if (!html) {
    document.body.textContent = t('reportGone');
    return;
  }
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.title = parsed.title;
  document.head.replaceChildren(...[...parsed.head.childNodes].map((node) => document.importNode(node, true)));
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
  const print = document.createElement('button');
  print.type = 'button';
  print.className = 'no-print';
  print.textContent = t('reportPrint');
  print.addEventListener('click', () => window.print());
  document.body.prepend(print);
}

void show();
