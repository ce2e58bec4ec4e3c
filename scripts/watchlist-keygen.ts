/**
 * `npm run watchlist:keygen -- <private-key-file>`: makes an Ed25519 key pair for signing watchlists. The private
 * key goes to the file you name (mode 600), which must be outside this repository; the public key and a key id to
 * add to lib/update/keys.ts are printed.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import * as ed from '@noble/ed25519';
import { toBase64 } from '../lib/update/encoding';

const ROOT = resolve(import.meta.dirname, '..');
const target = process.argv[2];
if (!target) {
  console.error('usage: npm run watchlist:keygen -- <private-key-file outside the repository>');
  process.exit(2);
}
const path = resolve(target);
if (!relative(ROOT, path).startsWith('..')) {
  console.error(`refusing to write a private key inside the repository (${path}); choose a path outside ${ROOT}`);
  process.exit(2);
}
if (existsSync(path)) {
  console.error(`${path} already exists; not overwriting a key`);
  process.exit(2);
}
const { secretKey, publicKey } = await ed.keygenAsync();
writeFileSync(path, `${toBase64(secretKey)}\n`, { mode: 0o600 });
const keyId = `vw-${new Date().toISOString().slice(0, 7)}-${toBase64(publicKey)
  .replace(/[^a-zA-Z0-9]/g, '')
  .slice(0, 6)
  .toLowerCase()}`;
console.log(`private key written to ${path} (keep it offline; never commit it)`);
console.log('add this to RELEASE_KEYS in lib/update/keys.ts:');
console.log(JSON.stringify({ keyId, publicKey: toBase64(publicKey), label: 'VendorWatch release key' }, null, 2));
