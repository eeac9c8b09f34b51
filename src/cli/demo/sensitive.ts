// Sensitive personal data for a few demo customers (RISK-2): an ID number for cross-border and
// high-value claims and a bank card for offline refunds. Drawn from a generator of its own, seeded
// by the customer's number, so the rest of the demo shop stays exactly as it was.
import { idNumberCheckChar } from '../../modules/privacy/pii.fields.ts';
import { Random } from './random.ts';

/** Which customers carry it: the ones who can sign in, and one in twelve of the rest. */
export function hasSensitiveData(customerNo: number, accounts: number): boolean {
  return customerNo <= accounts || customerNo % 12 === 0;
}

const REGIONS = ['110105', '310115', '440305', '330106', '320106', '510107', '420111', '610113'];
const BANKS: readonly (readonly [string, string])[] = [
  ['中国工商银行', '622202'],
  ['中国建设银行', '621700'],
  ['招商银行', '621483'],
  ['中国农业银行', '622848'],
  ['中国银行', '621661'],
];

export interface DemoSensitiveData {
  idNumber: string;
  refundAccount: { bankName: string; holderName: string; cardNumber: string };
}

export function demoSensitiveData(customerNo: number, name: string): DemoSensitiveData {
  const rng = new Random(0x5eed_0000 + customerNo);
  const year = rng.int(1965, 2003);
  const birth = `${year}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  const first17 = `${rng.pick(REGIONS)}${birth}${rng.digits(3)}`;
  const [bankName, bin] = rng.pick(BANKS);
  const body = `${bin}${rng.digits(12)}`;
  return { idNumber: first17 + idNumberCheckChar(first17), refundAccount: { bankName, holderName: name, cardNumber: body + luhnDigit(body) } };
}

/** The Luhn check digit bank card numbers end with. */
function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
