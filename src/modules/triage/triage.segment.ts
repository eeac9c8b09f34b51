// Word segmentation for Chinese (jieba, compiled to WebAssembly, so it runs on any platform
// without native builds) and English, shared by the classifier and the knowledge base search,
// so a question is cut into words the same way everywhere.
import { add_word, cut, cut_for_search } from 'jieba-wasm';

// After-sales words the general dictionary cuts wrongly (退货运费险 → 退 / 货运 / 费险).
const DOMAIN_WORDS = [
  '退货', '退款', '换货', '补发', '运费险', '退货运费险', '七天无理由', '无理由退货', '价保', '价格保护', '仅退款',
  '售后', '质检', '漏电', '起火', '爆炸', '过敏', '受伤', '烫伤', '消协', '市场监管', '12315', '曝光', '差评',
  '假货', '错发', '漏发', '少件', '色差', '尺码', '破损', '丢件', '快递员', '派件', '签收', '拒收', '发票', '赠品',
  '退运费', '运单号', '维修', '保修', '三包', '开箱', '激活', '扣款', '重复扣款', '个人信息', '泄露', '骚扰电话',
  '冒烟', '着火', '触电', '割伤', '误食', '食物中毒', '上门取件', '驿站', '快递柜', '盗刷', '自动续费', '免密支付',
  '虚假宣传', '描述不符', '发错货', '转人工', '退款到账', '运费险理赔', '以旧换新', '平台介入',
];

let ready = false;
function engine(): { cut: typeof cut; cutForSearch: typeof cut_for_search } {
  if (!ready) {
    for (const word of DOMAIN_WORDS) add_word(word, 100_000, 'n');
    ready = true;
  }
  return { cut, cutForSearch: cut_for_search };
}

/** Full-width letters and digits to ASCII, lower case: "ＡＢＣ１２" and "abc12" are the same word. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const WORD = /[\p{L}\p{N}]/u;

/** Words of the text, in order, without spaces and punctuation. */
export function segment(text: string): string[] {
  return engine()
    .cut(normalizeText(text), true)
    .map((w) => w.trim())
    .filter((w) => w.length > 0 && WORD.test(w));
}

/** Words plus their shorter parts (中华人民共和国 → 中华, 华人, 人民, 共和国 …), for search indexes and queries. */
export function searchTokens(text: string): string[] {
  return [
    ...new Set(
      engine()
        .cutForSearch(normalizeText(text), true)
        .map((w) => w.trim())
        .filter((w) => w.length > 0 && WORD.test(w)),
    ),
  ];
}
