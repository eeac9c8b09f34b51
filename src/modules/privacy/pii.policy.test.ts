import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/vocabulary.ts';
import { idNumberCheckChar, isValidIdNumber, maskAddress, maskCardNumber, maskEmail, maskIdNumber, maskPhone } from './pii.fields.ts';
import { isMeaningfulReason, maskingPolicy, mayReveal, PII_FIELDS } from './pii.policy.ts';

describe('masking policy', () => {
  it('shows each field per role as documented', () => {
    const table = Object.fromEntries(
      ROLES.map((role) => [role, PII_FIELDS.map((f) => (maskingPolicy(role, f) === 'clear' ? f : `(${f})`)).join(' ')]),
    );
    expect(table).toEqual({
      customer: '(phone) (email) (address) (idNumber) (bankCard)',
      agent: 'phone email address (idNumber) (bankCard)',
      specialist: 'phone email address (idNumber) (bankCard)',
      supervisor: 'phone email address (idNumber) (bankCard)',
      compliance: '(phone) (email) (address) (idNumber) (bankCard)',
      merchant: '(phone) (email) (address) (idNumber) (bankCard)',
      finance: '(phone) (email) (address) (idNumber) (bankCard)',
      department: '(phone) (email) (address) (idNumber) (bankCard)',
      admin: '(phone) (email) (address) (idNumber) (bankCard)',
      system: 'phone email address (idNumber) (bankCard)',
    });
  });

  it('lets customers see their own contact details, never ID or card numbers, and only compliance reveal', () => {
    expect(PII_FIELDS.map((f) => maskingPolicy('customer', f, { self: true }))).toEqual(['clear', 'clear', 'clear', 'masked', 'masked']);
    expect(maskingPolicy('merchant', 'phone', { self: true })).toBe('masked');
    for (const role of ROLES) {
      for (const self of [true, false]) {
        expect(maskingPolicy(role, 'idNumber', { self })).toBe('masked');
        expect(maskingPolicy(role, 'bankCard', { self })).toBe('masked');
      }
      expect(mayReveal(role)).toBe(role === 'compliance');
    }
  });
});

describe('masked forms', () => {
  it('phone: 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('861****5678');
    expect(maskPhone('021-5555')).toBe('****55');
  });

  it('ID: first and last character; card: last four digits', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1****************X');
    expect(maskCardNumber('6222021234567890123')).toBe('**** 0123');
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
  });

  it('address: cut after the district, phone inside masked', () => {
    expect(maskAddress('张三，13800138000，浙江省 杭州市 西湖区 文三路 90 号')).toBe('张三，138****8000，浙江省 杭州市 西湖区 ***');
    expect(maskAddress('王伟 138****5678 北京市朝阳区建国路88号阳光花园3栋2单元1201')).toBe('王伟 138****5678 北京市朝阳区 ***');
    expect(maskAddress('江苏省苏州市工业园区星湖街328号')).toBe('江苏省苏州市工业园区 ***');
    expect(maskAddress('江苏省苏州市昆山市前进西路1号')).toBe('江苏省苏州市昆山市 ***');
    expect(maskAddress('Flat 3, 12 Harbour Road, Wan Chai')).toBe('Flat 3, 12 ***');
  });

  it('never leaves more than the allowed digits of a number in its masked form', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), fc.stringMatching(/^\d{12,19}$/), fc.stringMatching(/^\d{17}$/), (phone, card, id17) => {
        expect(maskPhone(phone).replace(/\D/g, '')).toBe(phone.slice(0, 3) + phone.slice(7));
        expect(maskCardNumber(card).replace(/\D/g, '')).toBe(card.slice(-4));
        const id = id17 + idNumberCheckChar(id17);
        expect(maskIdNumber(id).replace(/\*/g, '')).toBe(id[0]! + id[17]!);
        // An address line holding the phone never shows its middle digits.
        expect(maskAddress(`李四，${phone}，广东省 深圳市 南山区 科技园南路 1 号`)).not.toContain(phone);
      }),
    );
  });

  it('checks ID numbers by their check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491331002X')).toBe(false); // month 13
    fc.assert(fc.property(fc.stringMatching(/^\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d)\d{3}$/), (id17) => isValidIdNumber(id17 + idNumberCheckChar(id17))));
  });

  it('takes a reveal reason that says something: 4 Chinese characters or 10 letters and digits', () => {
    for (const reason of ['核实身份信息', '核实身份', '跨境高值理赔需核对身份证件', 'verify identity', 'check ID for AS2026', '核对ID 123']) expect(isMeaningfulReason(reason), reason).toBe(true);
    for (const reason of ['核实', '核实身', 'aaaaaaaaaa', '..........', '1234567890123', '哈哈哈哈哈哈', 'abab abab ab', 'short', '！！！！']) expect(isMeaningfulReason(reason), reason).toBe(false);
  });
});
