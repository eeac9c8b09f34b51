// Every encrypted column, with the context its values are sealed under. Key rotation walks this
// list; a module that adds an encrypted column adds it here.
import type { CustomerUpsert } from '../orders/orders.schemas.ts';
import type { PiiKeyRing } from './pii.crypto.ts';
import { maskCardNumber, maskIdNumber, normalizeCardNumber } from './pii.fields.ts';

export interface EncryptedColumn {
  table: 'customers';
  /** The row's key column (a uuid). */
  idColumn: 'id';
  column: 'id_number_enc' | 'refund_card_enc';
  context: string;
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'customers', idColumn: 'id', column: 'id_number_enc', context: 'customers.id_number' },
  { table: 'customers', idColumn: 'id', column: 'refund_card_enc', context: 'customers.refund_card' },
];

export const ID_NUMBER_CONTEXT = 'customers.id_number';
export const REFUND_CARD_CONTEXT = 'customers.refund_card';

/** The customer columns a customer upsert writes for its personal data; absent fields are left out. */
export interface CustomerPiiColumns {
  address?: string | null;
  id_number_enc?: string | null;
  id_number_masked?: string | null;
  refund_bank?: string | null;
  refund_holder?: string | null;
  refund_card_enc?: string | null;
  refund_card_masked?: string | null;
}

/** Encrypts what the upsert carries (absent: untouched, null: erased). */
export function sealCustomerPii(ring: PiiKeyRing | undefined, c: Pick<CustomerUpsert, 'address' | 'idNumber' | 'refundAccount'>): CustomerPiiColumns {
  const out: CustomerPiiColumns = {};
  if (c.address !== undefined) out.address = c.address;
  const needsKey = (c.idNumber ?? null) !== null || (c.refundAccount ?? null) !== null;
  if (needsKey && !ring) throw new Error('personal data to encrypt, but no key ring was given');
  if (c.idNumber !== undefined) {
    out.id_number_enc = c.idNumber === null ? null : ring!.encrypt(c.idNumber, ID_NUMBER_CONTEXT);
    out.id_number_masked = c.idNumber === null ? null : maskIdNumber(c.idNumber);
  }
  if (c.refundAccount !== undefined) {
    const account = c.refundAccount;
    const card = account ? normalizeCardNumber(account.cardNumber) : null;
    out.refund_bank = account?.bankName ?? null;
    out.refund_holder = account?.holderName ?? null;
    out.refund_card_enc = card === null ? null : ring!.encrypt(card, REFUND_CARD_CONTEXT);
    out.refund_card_masked = card === null ? null : maskCardNumber(card);
  }
  return out;
}
