/**
 * The context rules' word lists hold every word in both Chinese scripts: a Taiwanese or Hong Kong page writes
 * 監控 and 銀行 for 监控 and 银行, and a short name must meet its product word (or its bank) in either.
 */
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { ENTITY_WORDS, PERSON_TITLES, PRODUCT_WORDS, SURNAMES } from '../../../lib/engine/context';

const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toHongKong = OpenCC.Converter({ from: 'cn', to: 'hk' });

describe('context word lists', () => {
  it.each([
    ['product words', PRODUCT_WORDS],
    ['entity words', ENTITY_WORDS],
    ['person titles', PERSON_TITLES],
  ])('hold the Traditional form of every %s', (_, words) => {
    const missing = words.flatMap((word) => [toTaiwan(word), toHongKong(word)]).filter((w) => !words.includes(w));
    expect(missing).toEqual([]);
  });

  it('hold the Traditional form of every surname', () => {
    // 余 and 范 are surnames in Traditional text too (OpenCC maps the words 餘 "surplus" and 範 "model").
    const missing = [...SURNAMES]
      .map((surname) => toTaiwan(surname))
      .filter((s) => !SURNAMES.has(s) && s !== '餘' && s !== '範');
    expect(missing).toEqual([]);
  });
});
