/**
 * `npm run watchlist:publish -- [--out <dir>] [--key <file>]`: writes the folder to publish at the project's
 * publication address (lib/update/defaults.ts PUBLICATION_URL, the GitHub Pages site): `watchlist.json`, its
 * signature `watchlist.json.sig` and `.nojekyll`. The list must be a fresh build of data/ (`npm run
 * watchlist:build`), and it is signed with a release key: the private key comes from VENDORWATCH_SIGNING_KEY
 * (base64) or a key file outside the repository; without one the script stops and writes nothing. The signature is
 * verified against the release keys the extension trusts before anything is written. `--allow-test-key` (tests
 * only) also accepts the committed test key, which release builds never trust.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { PUBLICATION_URL } from '../lib/update/defaults';
import { RELEASE_KEYS, TEST_KEY } from '../lib/update/keys';
import { publicKeyOf, signList } from '../lib/update/sign';
import { verifyListUpdate } from '../lib/update/verify';
import { compileWatchlist } from './lib/compile-watchlist';
import { readSigningKey } from './lib/signing-key';
import { readDataFiles, serialise } from './watchlist-build';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'dist/pages' },
    key: { type: 'string' },
    'allow-test-key': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`watchlist:publish: ${message}; nothing was written`);
  process.exit(1);
}

const allowTestKey = values['allow-test-key'] ?? false;
const loaded = readSigningKey({ keyFile: values.key, allowTestKey });
if (!loaded.ok) fail(`${loaded.problem} (publishing needs the release private key, kept outside the repository)`);
const { secret } = loaded;

const body = new Uint8Array(readFileSync(join(ROOT, 'public/watchlist.json')));
if (new TextDecoder().decode(body) !== serialise(compileWatchlist(await readDataFiles())))
  fail('public/watchlist.json is not a fresh build of data/: run `npm run watchlist:build` and commit it first');

const trusted = allowTestKey ? [...RELEASE_KEYS, TEST_KEY] : [...RELEASE_KEYS];
const publicKey = await publicKeyOf(secret);
const key = trusted.find((k) => k.publicKey === publicKey);
if (!key) fail('this private key is not a release key trusted in lib/update/keys.ts');

const signature = JSON.stringify(await signList(body, secret, key.keyId));
const verdict = await verifyListUpdate({ body, signature, keys: trusted, current: null, now: new Date() });
if (!verdict.ok) fail(`the signed list does not verify: ${verdict.message}`);

const out = resolve(values.out ?? 'dist/pages');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'watchlist.json'), body);
writeFileSync(join(out, 'watchlist.json.sig'), `${signature}\n`);
// GitHub Pages serves the files as they are, without a Jekyll build.
writeFileSync(join(out, '.nojekyll'), '');
console.log(
  [
    `wrote ${out}/watchlist.json (version ${verdict.list.meta.version}, sha256 ${bytesToHex(sha256(body))}) and watchlist.json.sig, signed with ${key.keyId}`,
    `publish the folder so that the list is at ${PUBLICATION_URL} and its signature at ${PUBLICATION_URL}.sig`,
  ].join('\n'),
);
