/**
 * Glue for the watchlist page: asks the background for the list the matcher uses and shows it; a `#vendor-<id>`
 * or `#about` address (from a warning card or the popup) scrolls to and focuses that part once it is drawn.
 */
import { render } from 'preact';
import { setPageLanguage } from '../../components/page-language';
import { WatchlistBrowser } from '../../components/WatchlistBrowser';
import { send } from '../../platform/messaging';
import '../../components/extension-page.css';
import './watchlist.css';

async function start() {
  setPageLanguage();
  const { list, source } = await send('get-watchlist', {});
  render(<WatchlistBrowser list={list} source={source} />, document.getElementById('app')!);
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target) {
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }
}

void start();
