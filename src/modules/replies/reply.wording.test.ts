import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordingFlags } from './reply.wording.ts';

/** Replaces every flag with its alternative in the phrase's language, last first so indexes hold. */
function replaceAll(text: string, language: 'zh-CN' | 'en-US'): string {
  let out = text;
  for (const f of [...wordingFlags(text)].reverse()) out = out.slice(0, f.index) + f.alternative[language] + out.slice(f.index + f.phrase.length);
  return out;
}

const RISKY = [
  '绝对正品', '绝对', '百分之百是原装', '终身保修', '永久', '保证', '担保', '这是公司规定', '我需要请示领导', 'lifetime warranty', 'guaranteed', 'company policy', 'Absolutely',
  '我们公司规定', '按照本店规定', '店铺规定', '请示一下老板', '跟老板申请一下',
];
const SAFE = ['您好，', '我们已收到您的申请', '订单 DD123 ', '，请耐心等待。', 'Hello, ', 'we received your request ', '质保', '正品', ' warranty ', '年', 'X'];

describe('wording check (RISK-1)', () => {
  it('flags the whole promise with the word it qualifies, where it is, with the compliant alternative', () => {
    const text = '亲，我们家绝对正品，而且终身保修！';
    const flags = wordingFlags(text);
    expect(flags.map((f) => [f.phrase, f.index, f.alternative['zh-CN']])).toEqual([
      ['绝对正品', 5, '符合国家质检标准'],
      ['终身保修', 12, '提供X年质保服务'],
    ]);
    expect(replaceAll(text, 'zh-CN')).toBe('亲，我们家符合国家质检标准，而且提供X年质保服务！');
    expect(wordingFlags('这是公司规定，我需要请示领导').map((f) => f.phrase)).toEqual(['这是公司规定', '我需要请示领导']);
    // The common variants, and evasions by spacing.
    for (const [said, phrase] of [
      ['这是我们公司的规定。', '这是我们公司的规定'],
      ['这是公司的规定，我也没办法', '这是公司的规定，我也没办法'],
      ['我要请示一下领导再答复您', '我要请示一下领导再答复您'],
      ['保证绝 对 正 品', '绝 对 正 品'],
      ['终 身 保 修', '终 身 保 修'],
    ] as const) {
      expect(wordingFlags(said).map((f) => f.phrase)).toContain(phrase);
    }
    // The deflections as agents actually say them, and 终生 for 终身; each named by its rule.
    for (const [said, phrase, rule] of [
      ['这个是公司的规定，请理解', '这个是公司的规定', 'policy-deflection'],
      ['按照公司规定只能退一半', '按照公司规定', 'policy-deflection'],
      ['公司有规定的', '公司有规定', 'policy-deflection'],
      ['没办法，这是规定。', '这是规定', 'policy-deflection'],
      ['我需要向领导请示一下', '我需要向领导请示一下', 'escalation-deflection'],
      ['这个要问下经理', '要问下经理', 'escalation-deflection'],
      ['本品终生保修', '终生保修', 'lifetime-promise'],
    ] as const) {
      expect(wordingFlags(said).map((f) => [f.phrase, f.rule])).toEqual([[phrase, rule]]);
    }
    // The shop's rules given as the reason, wherever they stand, and the boss asked.
    for (const [said, phrase, rule] of [
      ['我们公司规定拆封后不能退', '我们公司规定', 'policy-deflection'],
      ['按照本店规定，拆封不退', '按照本店规定', 'policy-deflection'],
      ['公司规定是这样的，没办法', '公司规定是这样的，没办法', 'policy-deflection'],
      ['公司规定只能部分退款', '公司规定', 'policy-deflection'],
      ['抱歉，店铺规定吊牌剪了不退', '店铺规定', 'policy-deflection'],
      ['这个我得请示一下老板', '我得请示一下老板', 'escalation-deflection'],
      ['我去问问老板再答复您', '我去问问老板再答复您', 'escalation-deflection'],
      ['我跟老板申请一下', '跟老板申请一下', 'escalation-deflection'],
    ] as const) {
      expect(wordingFlags(said).map((f) => [f.phrase, f.rule])).toEqual([[phrase, rule]]);
    }
    // The platform's after-sales rules and the law may be cited; a customer addressed as 老板 is no deflection.
    for (const fine of ['根据平台售后规则第3条，可为您办理退货', '按国家规定七天无理由退货', '依据《消费者权益保护法》规定，您可以退货', '老板您好，退款已原路退回', '请问您的订单号是多少？']) {
      expect(wordingFlags(fine)).toEqual([]);
    }
    // A 保证金 is a deposit, not a promise; the promise next to it still is one.
    expect(wordingFlags('退款保证金已原路退回')).toEqual([]);
    expect(wordingFlags('What the "three guarantees" (三包) cover')).toEqual([]);
    expect(wordingFlags('商家保证金会在3个工作日内退还，我保证')).toMatchObject([{ phrase: '保证', rule: 'guarantee', index: 17 }]);
    // Replacing the deflection replaces the clause: the sentence still reads.
    expect(replaceAll('您好，这是公司规定，我需要请示领导。', 'zh-CN')).toBe('您好，我们会尽力帮您争取最优方案，预计X小时内给您答复。');
    expect(wordingFlags('This has a lifetime warranty, guaranteed.').map((f) => f.phrase)).toEqual(['lifetime warranty', 'guaranteed']);
    expect(wordingFlags('我们提供一年质保服务，符合国家质检标准。')).toEqual([]);
  });

  it('any text: flags are in order, do not overlap, name the text at their index, and replacing them all leaves nothing to flag', () => {
    const fragment = fc.oneof(fc.constantFrom(...RISKY, ...SAFE), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), fc.constantFrom('zh-CN' as const, 'en-US' as const), (parts, language) => {
        const text = parts.join('');
        const flags = wordingFlags(text);
        let end = 0;
        for (const f of flags) {
          expect(f.index).toBeGreaterThanOrEqual(end);
          expect(text.slice(f.index, f.index + f.phrase.length)).toBe(f.phrase);
          end = f.index + f.phrase.length;
        }
        if (parts.some((p) => RISKY.includes(p))) expect(flags.length).toBeGreaterThan(0);
        expect(wordingFlags(replaceAll(text, language))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
