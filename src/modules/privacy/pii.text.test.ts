import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from './pii.fields.ts';
import { findPiiInText, maskPiiInText } from './pii.text.ts';

const found = (text: string, known: string[] = []) => findPiiInText(text, known).map((p) => [p.kind, text.slice(p.start, p.end)]);

describe('personal numbers in free text', () => {
  it('finds ID, card and mobile numbers as customers type them, and masks them as the card does', () => {
    // The ID's check character is wrong (a typo): its X and the word before it still say what it is.
    const text = '身份证 11010119900307851X，卡号 6222 0212 3456 7890 123，电话 +86 138-0013-8000，退到 6222021234567890128';
    expect(found(text)).toEqual([
      ['idNumber', '11010119900307851X'],
      ['bankCard', '6222 0212 3456 7890 123'],
      ['phone', '+86 138-0013-8000'],
      ['bankCard', '6222021234567890128'],
    ]);
    expect(maskPiiInText(text)).toEqual({ text: '身份证 1****************X，卡号 **** 0123，电话 138****8000，退到 **** 0128', masked: true });
    // Lower-case x, an ID in groups, two numbers one after the other.
    expect(found('11010119900307851x')).toEqual([['idNumber', '11010119900307851x']]);
    expect(found('110101 19900307 851X')).toEqual([['idNumber', '110101 19900307 851X']]);
    expect(found('13800138000 13900139000')).toEqual([['phone', '13800138000'], ['phone', '13900139000']]);
    // A kind the reader may see stays as written.
    expect(maskPiiInText('电话 13800138000，卡 6222021234567890128', [], (kind) => kind === 'phone').text).toBe('电话 13800138000，卡 **** 0128');
  });

  it('reads full-width digits as digits and masks them as typed; finds e-mail addresses and WeChat and QQ ids after their label', () => {
    const text = '电话１３９１２３４５６７８，身份证１１０１０５１９４９１２３１００２Ｘ，卡 ６２２２ ０２１２ ３４５６ ７８９０ １２３';
    expect(found(text).map(([kind]) => kind)).toEqual(['phone', 'idNumber', 'bankCard']);
    expect(maskPiiInText(text).text).toBe('电话139****5678，身份证1****************X，卡 **** 0123');
    expect(findPiiInText('电话１３９１２３４５６７８')[0]?.value).toBe('13912345678');

    const contacts = '邮箱 zhangsan@example.com，QQ邮箱 13912345678@qq.com，微信 wxid_abc123，微信号：zhang_san88，QQ 12345678，vx: abc12345';
    expect(found(contacts)).toEqual([
      ['email', 'zhangsan@example.com'],
      ['email', '13912345678@qq.com'],
      ['imId', 'wxid_abc123'],
      ['imId', 'zhang_san88'],
      ['imId', '12345678'],
      ['imId', 'abc12345'],
    ]);
    expect(maskPiiInText(contacts).text).toBe('邮箱 z***@example.com，QQ邮箱 1***@qq.com，微信 w****3，微信号：z****8，QQ 1****8，vx: a****5');
    // A phone number given as the WeChat id is a phone number; the reader who sees phones sees it.
    expect(found('微信 13912345678')).toEqual([['phone', '13912345678']]);
    expect(maskPiiInText('邮箱 zhangsan@example.com 微信号 zhang_san88', [], (kind) => kind !== 'idNumber' && kind !== 'bankCard').masked).toBe(false);
    // Paying by WeChat, a QQ music subscription, an id-like word without a label: nothing to mask.
    expect(found('微信支付 100 元，QQ音乐会员，wxid_abc123，微信转账 52000')).toEqual([]);
  });

  it('leaves other numbers alone: wrong check characters, short runs, prefixed and known numbers, dates and amounts', () => {
    expect(found('编号 110101199003078510')).toEqual([]); // wrong check character, nothing says it is an ID
    expect(found('身份证 110101199003078510')).toEqual([['idNumber', '110101199003078510']]); // mistyped, but said to be one
    expect(found('6222021234567890123')).toEqual([]); // fails Luhn, not grouped, no card word
    expect(found('订单 DD2026111000123 运单 SF1234567890123 单号 AS20261110000001')).toEqual([]);
    expect(found('12345678901，2026-11-10 10:00，¥1299.00，共 3 件，邮编 100101')).toEqual([]);
    // An order number that happens to look like a card or phone is the case's own.
    expect(found('订单 6222021234567890128 和 13800138000', ['6222021234567890128', '138-0013-8000'])).toEqual([]);
    expect(maskPiiInText('没有号码')).toEqual({ text: '没有号码', masked: false });
  });

  it('any ID number with its right check character is found and masked, wherever it sits in a text', () => {
    const idNumber = fc
      .tuple(fc.integer({ min: 110000, max: 659999 }), fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
      .map(([area, born, seq]) => {
        const first17 = `${area}${born.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
        return first17 + idNumberCheckChar(first17);
      });
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }).map((s) => s.replace(/[A-Za-z0-9]/g, '')), idNumber, fc.string({ maxLength: 8 }).map((s) => s.replace(/[A-Za-z0-9]/g, '')), (before, id, after) => {
        const masked = maskPiiInText(`${before}${id}${after}`);
        expect(masked.text).toBe(`${before}${id[0]}${'*'.repeat(16)}${id[17]}${after}`);
      }),
      { numRuns: 300 },
    );
  });
});
