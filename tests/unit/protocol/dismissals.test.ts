/** Dismissals as records: what an item is, what each scope covers, old records read, and the stored shape. */
import { describe, expect, it } from 'vitest';
import {
  coveringDismissal,
  covers,
  itemExcerpt,
  itemKey,
  newDismissal,
  withoutDismissal,
} from '../../../lib/dismissals';
import { decodeItem, STORAGE } from '../../../lib/storage';

const CAMERA = 'Hikvision DS-2CD2143G2-I 4MP dome camera £89.99';
const NVR = 'Hikvision DS-7608NI-K2 8-channel NVR £149.00';
const now = new Date('2026-12-02T10:00:00Z');
const make = (scope: 'item' | 'vendor' | 'evidence', itemText = CAMERA, id: string = scope) =>
  newDismissal({
    id,
    site: 'shop.example',
    target: { vendorId: 'hikvision', vendorName: 'Hikvision', evidence: 'Hikvision', itemText },
    choice: { scope, decision: scope === 'evidence' ? 'not-this-vendor' : 'dismissed', reason: '  on our list  ' },
    now,
  });
const hik = { vendorId: 'hikvision', evidence: 'Hikvision' };

describe('item keys', () => {
  it('ignore case and spacing, and tell different items apart', () => {
    expect(itemKey(CAMERA)).toBe(itemKey(`  ${CAMERA.toUpperCase().replace(/ /g, '\n  ')} `));
    expect(itemKey(CAMERA)).not.toBe(itemKey(NVR));
    expect(itemKey(CAMERA)).not.toBe(itemKey(CAMERA.replace('89.99', '89.98')));
    expect(itemKey(CAMERA)).toMatch(/^[0-9a-z]{1,12}$/);
  });

  it('excerpts long item text for a person to recognise', () => {
    expect(itemExcerpt(' a \n b ')).toBe('a b');
    const long = itemExcerpt('x'.repeat(500));
    expect(long).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('what a dismissal covers', () => {
  it('"this item": the same vendor in the same item only, never the vendor elsewhere on the site', () => {
    const item = make('item');
    expect(covers(item, hik, itemKey(CAMERA))).toBe(true);
    expect(covers(item, { vendorId: 'hikvision', evidence: 'DS-2CD2143G2-I' }, itemKey(CAMERA))).toBe(true);
    expect(covers(item, hik, itemKey(NVR))).toBe(false);
    expect(covers(item, { vendorId: 'dahua', evidence: 'Dahua' }, itemKey(CAMERA))).toBe(false);
  });

  it('"this vendor on this site": every item of the vendor, no other vendor', () => {
    const vendor = make('vendor');
    expect(covers(vendor, hik, itemKey(NVR))).toBe(true);
    expect(covers(vendor, { vendorId: 'dahua', evidence: 'Dahua' }, itemKey(CAMERA))).toBe(false);
  });

  it('"not this vendor": the same words for that vendor, in any item', () => {
    const evidence = make('evidence');
    expect(covers(evidence, { vendorId: 'hikvision', evidence: ' hikvision ' }, itemKey(NVR))).toBe(true);
    expect(covers(evidence, { vendorId: 'hikvision', evidence: 'HiLook' }, itemKey(CAMERA))).toBe(false);
  });

  it('finds the covering one and undoes by id', () => {
    const list = [make('item', NVR, 'a'), make('item', CAMERA, 'b')];
    expect(coveringDismissal(list, hik, itemKey(CAMERA))?.id).toBe('b');
    expect(coveringDismissal(withoutDismissal(list, 'b'), hik, itemKey(CAMERA))).toBeUndefined();
  });
});

describe('stored dismissals', () => {
  it('record what, where, when, scope and a trimmed reason, and read back through the schema', () => {
    const record = make('item');
    expect(record).toMatchObject({
      site: 'shop.example',
      vendorName: 'Hikvision',
      scope: 'item',
      decision: 'dismissed',
      itemKey: itemKey(CAMERA),
      itemText: CAMERA,
      reason: 'on our list',
      at: '2026-12-02T10:00:00.000Z',
    });
    const reports: string[] = [];
    expect(decodeItem(STORAGE.suppressions('shop.example'), [record], (k) => reports.push(k))).toEqual([record]);
    expect(reports).toEqual([]);
  });

  it('read the older records (vendor and matched text) as "not this vendor"-scoped dismissals', () => {
    const old = [{ vendorId: 'quectel', evidence: 'Quectel', reason: 'dismissed', at: '2026-01-01T00:00:00Z' }];
    const [read] = decodeItem(STORAGE.suppressions('shop.example'), old);
    expect(read).toMatchObject({ vendorId: 'quectel', scope: 'evidence', decision: 'dismissed' });
    expect(covers(read!, { vendorId: 'quectel', evidence: 'quectel' }, 'anything')).toBe(true);
  });

  it('refuse a record with an unknown scope', () => {
    const bad = [{ ...make('item'), scope: 'everything' }];
    const reports: string[] = [];
    expect(decodeItem(STORAGE.suppressions('shop.example'), bad, (k) => reports.push(k))).toEqual([]);
    expect(reports).toHaveLength(1);
  });
});
