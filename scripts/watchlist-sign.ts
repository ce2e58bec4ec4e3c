/**
 * `npm run watchlist:sign -- [--key <file>] [--key-id <id>] [list.json]`: signs a built watchlist (default
 * public/watchlist.json) and writes `<list>.sig`. The private key comes from the VENDORWATCH_SIGNING_KEY environment
 * variable (base64) or a key file outside the repository. The result is verified against the bundled public keys
 * before the script reports success, so a list signed with an untrusted key is caught here, not in users' browsers.
 * `--organisation <key id>` signs an organisation's own list (enterprise policy `extraLists`) with its own key.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RELEASE_KEYS, TEST_KEY } from '../lib/update/keys';
import { publicKeyOf, signList } from '../lib/update/sign';
import { verifyListUpdate } from '../lib/update/verify';
import { readSigningKey } from './lib/signing-key';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    key: { type: 'string' },
    'key-id': { type: 'string' },
    'allow-test-key': { type: 'boolean', default: false },
    // An organisation list (policy `extraLists`) is signed with the organisation's own key, under its own id.
    organisation: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`watchlist:sign: ${message}`);
  process.exit(1);
}

const loaded = readSigningKey({ keyFile: values.key, allowTestKey: values['allow-test-key'] ?? false });
if (!loaded.ok) fail(loaded.problem);
const { secret } = loaded;

const publicKey = await publicKeyOf(secret);
const trusted = values.organisation
  ? [{ keyId: values.organisation, publicKey, label: 'organisation key' }]
  : values['allow-test-key']
    ? [...RELEASE_KEYS, TEST_KEY]
    : [...RELEASE_KEYS];
const key = trusted.find((k) => k.publicKey === publicKey && (!values['key-id'] || k.keyId === values['key-id']));
if (!key) fail('this private key does not belong to any key trusted in lib/update/keys.ts');

const listPath = resolve(positionals[0] ?? 'public/watchlist.json');
const body = new Uint8Array(readFileSync(listPath));
const signature = await signList(body, secret, key.keyId);
const verdict = await verifyListUpdate({
  body,
  signature: JSON.stringify(signature),
  keys: trusted,
  current: null,
  now: new Date(),
});
if (!verdict.ok) fail(`the signed list does not verify: ${verdict.message}`);
writeFileSync(`${listPath}.sig`, `${JSON.stringify(signature)}\n`);
console.log(
  `signed ${relative(process.cwd(), listPath)} (version ${verdict.list.meta.version}) with ${key.keyId}; wrote ${relative(process.cwd(), listPath)}.sig`,
);
