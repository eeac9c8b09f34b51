// The personal-data fields: how each is checked on the way in and how its masked form looks
// (pure). Masked forms keep just enough to recognise the value — never enough to use it.

/** Mainland resident ID (居民身份证号码): 17 digits and a check character (ISO 7064 MOD 11-2). */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return '10X98765432'[sum % 11] === value[17];
}

/** The check character that completes 17 digits into an ID number (demo data, tests). */
export function idNumberCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return '10X98765432'[sum % 11]!;
}

/** A bank card number as banks print it: 12 to 19 digits (spaces and dashes are dropped first). */
export function normalizeCardNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}
export const CARD_NUMBER = /^\d{12,19}$/;

/** 11010519491231002X → 1****************X: the first and last character. */
export function maskIdNumber(value: string): string {
  if (value.length <= 2) return '*'.repeat(value.length);
  return `${value[0]}${'*'.repeat(value.length - 2)}${value[value.length - 1]}`;
}

/** 6222021234567890123 → **** 0123: the last four digits at most. */
export function maskCardNumber(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length > 4 ? `**** ${digits.slice(-4)}` : '****';
}

/** 13812345678 → 138****5678; shorter numbers keep only their last two digits. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 5) return `****${digits.slice(-2)}`;
  return '****';
}

/** zhang.san@example.com → z***@example.com. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${value[0]}***${value.slice(at)}`;
}

// Region words: a province-level name ends in 省/市/自治区/特别行政区, a district-level one in
// 区/县/旗 (or is a county-level city, 市, after a prefecture city).
const DISTRICT_END = /(区|县|旗)/;
const CITY_END = /市/g;
const PHONE_RUN = /\+?\d[\d -]{5,}\d/g;

/**
 * An address cut after its district, with any phone number in it masked:
 * "张三，13800138000，浙江省 杭州市 西湖区 文三路 90 号" → "张三，138****8000，浙江省 杭州市 西湖区 ***".
 * Without a recognisable district the first third (at most 12 characters) stays.
 */
export function maskAddress(value: string): string {
  const text = value.replace(PHONE_RUN, (run) => (run.replace(/\D/g, '').length >= 7 ? maskPhone(run) : run));
  const district = DISTRICT_END.exec(text);
  let cut = district ? district.index + 1 : -1;
  if (cut < 0) {
    const cities = [...text.matchAll(CITY_END)];
    const last = cities[Math.min(cities.length, 2) - 1];
    cut = last ? last.index + 1 : Math.min(12, Math.ceil(text.length / 3));
  }
  const kept = text.slice(0, cut).trimEnd();
  return kept.length < text.length ? `${kept} ***` : kept;
}
