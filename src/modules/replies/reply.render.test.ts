import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './reply.defaults.ts';
import { renderTemplate, REPLY_VARIABLES, templateVariables } from './reply.render.ts';
import { wordingFlags } from './reply.wording.ts';

describe('reply template rendering (AN-5)', () => {
  it('fills every known variable and says which', () => {
    const out = renderTemplate('{{customerName}}您好，售后单 {{caseNo}}（订单 {{ orderNo }}）将于 {{dueAt}} 前处理，退款 {{refundAmount}}，商品「{{productName}}」。', {
      customerName: '张三', caseNo: 'AS20261110000001', orderNo: 'DD1', dueAt: '2026-11-10 12:00', refundAmount: '¥299.00', productName: '无线蓝牙耳机',
    });
    expect(out.text).toBe('张三您好，售后单 AS20261110000001（订单 DD1）将于 2026-11-10 12:00 前处理，退款 ¥299.00，商品「无线蓝牙耳机」。');
    expect(out.filled).toEqual([...REPLY_VARIABLES]);
    expect(out.missing).toEqual([]);
  });

  it('leaves a variable without a value visible and reports it missing', () => {
    const out = renderTemplate('退款 {{refundAmount}} 已退回 {{customerName}}', { customerName: '李四', refundAmount: null });
    expect(out.text).toBe('退款 {{refundAmount}} 已退回 李四');
    expect(out.filled).toEqual(['customerName']);
    expect(out.missing).toEqual(['refundAmount']);
    expect(out.unknown).toEqual([]);
  });

  it('leaves an unknown variable visible, reports it, and never throws', () => {
    const out = renderTemplate('您好 {{ customerNmae }}，{{caseNo}} {{}} {{ {{x}} }}', { caseNo: 'AS1', customerName: '王五' });
    expect(out.text).toBe('您好 {{ customerNmae }}，AS1 {{}} {{ {{x}} }}');
    expect(out.missing).toEqual(['customerNmae', 'x']);
    expect(out.unknown).toEqual(['customerNmae', 'x']);
    expect(() => renderTemplate('{{constructor}} {{__proto__}} {{toString}}', {})).not.toThrow();
    expect(renderTemplate('{{constructor}}', {}).text).toBe('{{constructor}}');
  });

  it('inserts values as plain text, never as another placeholder or markup', () => {
    const out = renderTemplate('{{customerName}} / {{caseNo}}', { customerName: '{{caseNo}}<b>x</b>\n第二行', caseNo: 'AS1' });
    expect(out.text).toBe('{{caseNo}}<b>x</b> 第二行 / AS1');
    expect(out.filled).toEqual(['customerName', 'caseNo']);
  });

  it('treats a blank value as missing', () => {
    expect(renderTemplate('{{orderNo}}', { orderNo: '  ' })).toMatchObject({ text: '{{orderNo}}', missing: ['orderNo'] });
  });

  it('lists the placeholders of a template', () => {
    expect(templateVariables('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b']);
  });
});

describe('default templates', () => {
  const all = DEFAULT_TEMPLATES.flatMap(({ locale, templates }) => templates.map((t) => ({ ...t, locale })));

  it('are at least 25, mostly zh-CN, with unique keys', () => {
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(all.filter((t) => t.locale === 'zh-CN').length).toBeGreaterThan(all.filter((t) => t.locale === 'en-US').length);
    expect(new Set(all.map((t) => t.slug)).size).toBe(all.length);
  });

  it('use only known variables', () => {
    for (const t of all) {
      const unknown = templateVariables(t.body).filter((v) => !(REPLY_VARIABLES as readonly string[]).includes(v));
      expect(unknown, t.slug).toEqual([]);
    }
  });

  it('pass the RISK-1 wording check (no 绝对 / 保证 / 终身 promises, no deflections)', () => {
    for (const t of all) expect(wordingFlags(`${t.name}\n${t.body}`), t.slug).toEqual([]);
    expect(wordingFlags('绝对正品，终身保修，这是公司规定').map((f) => f.phrase)).toEqual(['绝对正品', '终身保修', '这是公司规定']);
  });

  it('acknowledge every complaint category', () => {
    const categories = ['product_quality', 'not_as_described', 'logistics', 'payment', 'return_process', 'service_attitude', 'process_error', 'privacy'];
    for (const c of categories) expect(all.some((t) => t.category === c && t.state === 'acknowledged' && t.locale === 'zh-CN'), c).toBe(true);
  });
});
