// The customer card (CRM-1) as each role may see it, and the reveal of one field, or of a case
// text with the numbers typed into it, to compliance (RISK-2, RISK-6). Who sees what comes from maskingPolicy; the encrypted fields are only ever
// opened here, for a reveal, inside the transaction that records it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, invalid, notFound } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../identity/index.ts';
import { ID_NUMBER_CONTEXT, REFUND_CARD_CONTEXT } from './pii.columns.ts';
import { PiiDecryptError, type PiiKeyRing } from './pii.crypto.ts';
import { maskAddress, maskEmail, maskPhone } from './pii.fields.ts';
import { isMeaningfulReason, maskingPolicy, mayReveal, type PiiField, REVEAL_REASON_MIN, REVEAL_REASON_MIN_HAN, seesAccounts } from './pii.policy.ts';

type Db = Kysely<DB>;
const CUSTOMER = { 'zh-CN': '客户', 'en-US': 'customer' };

export interface ShownValue {
  value: string;
  masked: boolean;
}

async function loadCustomer(db: Db, id: string) {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  // Without an address of its own, the customer's latest delivery address stands in.
  const address =
    row.address ??
    (await db
      .selectFrom('orders')
      .select('shipping_address')
      .where('customer_id', '=', id)
      .where('shipping_address', 'is not', null)
      .orderBy('placed_at', 'desc')
      .limit(1)
      .executeTakeFirst())?.shipping_address ??
    null;
  return { ...row, address };
}
type CustomerRecord = NonNullable<Awaited<ReturnType<typeof loadCustomer>>>;

/** The customer, if the actor may look at them at all (404 otherwise, so ids cannot be probed). */
async function visibleCustomer(db: Db, actor: Actor, id: string): Promise<CustomerRecord> {
  const row = await loadCustomer(db, id);
  const foreign =
    !row ||
    (actor.role === 'customer' && actor.customerId !== id) ||
    (actor.role === 'merchant' &&
      !(await db
        .selectFrom('orders')
        .select('id')
        .where('customer_id', '=', id)
        .where('merchant_id', '=', actor.merchantId ?? '00000000-0000-0000-0000-000000000000')
        .limit(1)
        .executeTakeFirst()));
  if (!row || foreign) throw notFound(CUSTOMER, 'id');
  return row;
}

function show(actor: Actor, customerId: string, field: PiiField, clear: string | null, mask: (v: string) => string): ShownValue | null {
  if (clear === null) return null;
  return maskingPolicy(actor.role, field, { self: actor.customerId === customerId }) === 'clear' ? { value: clear, masked: false } : { value: mask(clear), masked: true };
}

export function presentCustomerCard(actor: Actor, c: CustomerRecord) {
  const self = actor.role === 'customer' && actor.customerId === c.id;
  const phone = show(actor, c.id, 'phone', c.phone, maskPhone);
  const email = show(actor, c.id, 'email', c.email, maskEmail);
  const address = show(actor, c.id, 'address', c.address, maskAddress);
  // Identity and refund account are none of a merchant's or a department's business, not even masked (RISK-6).
  const needsAccounts = seesAccounts(actor.role);
  const idNumber = needsAccounts && c.id_number_masked ? { value: c.id_number_masked, masked: true } : null;
  const bankCard = needsAccounts && c.refund_card_masked ? { value: c.refund_card_masked, masked: true } : null;
  const fields = { phone, email, address, idNumber, bankCard };
  return {
    id: c.id,
    name: c.name,
    tier: c.tier,
    locale: c.locale,
    phone,
    email,
    address,
    idNumber,
    refundAccount: bankCard ? { bankName: c.refund_bank, holderName: c.refund_holder, cardNumber: bankCard! } : null,
    /** The fields this caller may reveal now (masked and present). */
    revealable: mayReveal(actor.role) && !self ? (Object.keys(fields) as PiiField[]).filter((f) => fields[f]?.masked) : [],
  };
}
export type CustomerCard = ReturnType<typeof presentCustomerCard>;

/** The card; a look at clear contact details by someone other than the customer is audited (RISK-6). */
export async function customerCard(db: Db, actor: Actor, id: string, now: Date): Promise<CustomerCard> {
  const card = presentCustomerCard(actor, await visibleCustomer(db, actor, id));
  const clear = (['phone', 'email', 'address'] as const).filter((f) => card[f] && !card[f].masked);
  if (clear.length > 0 && actor.customerId !== id) {
    await recordAudit(db, { at: now, actor, action: 'customer.viewed', subjectType: 'customer', subjectId: id, detail: { clearFields: clear } });
  }
  return card;
}

/** What a reveal may show: a field of the customer's record, or the full text of one of their case's texts. */
export const REVEAL_TEXT = 'caseText';
export type RevealTarget = PiiField | typeof REVEAL_TEXT;

export interface RevealInput {
  field: RevealTarget;
  reason: string;
  caseNo: string;
  /** With caseText: the message to show in full. */
  messageId?: string | undefined;
  /** With caseText: the timeline entry whose reason to show in full. Neither: the case's description. */
  eventSeq?: number | undefined;
}

/**
 * The clear value of one field, or a case text as its customer wrote it (RISK-2: the numbers in
 * it are masked to everyone else), for compliance, with the reason and the case recorded in the
 * same transaction (no audit row, no value). The reason must say something and the case must be
 * this customer's, so the trail says why and for what. The route admits compliance only; this
 * checks again.
 */
export async function revealField(db: Db, ring: PiiKeyRing, actor: Actor, id: string, input: RevealInput, now: Date): Promise<{ field: RevealTarget; value: string }> {
  if (!mayReveal(actor.role)) throw new AppError({ status: 403, type: 'forbidden', text: { 'zh-CN': '只有合规人员可以查看完整的个人信息', 'en-US': 'Only compliance may reveal personal data' } });
  if (!isMeaningfulReason(input.reason)) {
    throw invalid(
      'reason',
      {
        'zh-CN': `请说明查看原因：至少 ${REVEAL_REASON_MIN_HAN} 个汉字或 ${REVEAL_REASON_MIN} 个字母、数字，不能只是重复的字符、数字或标点`,
        'en-US': `Say why it is needed: at least ${REVEAL_REASON_MIN} letters or digits (or ${REVEAL_REASON_MIN_HAN} Chinese characters), not one character repeated, digits or punctuation only`,
      },
      'reveal-reason-unclear',
    );
  }
  return db.transaction().execute(async (trx) => {
    const c = await visibleCustomer(trx, actor, id);
    const caseRow = await trx.selectFrom('cases').select(['id', 'description']).where('case_no', '=', input.caseNo).where('customer_id', '=', id).executeTakeFirst();
    if (!caseRow) {
      throw invalid('caseNo', { 'zh-CN': '该客户没有这个售后单，请填写查看所为的售后单号', 'en-US': 'This customer has no case with this number: give the case the reveal is for' }, 'reveal-case-unknown');
    }
    const value = input.field === REVEAL_TEXT ? await caseText(trx, caseRow, input) : clearValue(ring, c, input.field);
    if (value === null) {
      throw new AppError({
        status: 404,
        type: 'pii-field-empty',
        field: input.field === REVEAL_TEXT ? (input.messageId ? 'messageId' : input.eventSeq !== undefined ? 'eventSeq' : 'field') : 'field',
        text: { 'zh-CN': '该客户没有登记此项信息', 'en-US': 'The customer has no value for this field' },
      });
    }
    await recordAudit(trx, {
      at: now,
      actor,
      action: 'pii.revealed',
      subjectType: 'customer',
      subjectId: id,
      detail: {
        field: input.field,
        reason: input.reason,
        caseNo: input.caseNo,
        ...(input.field === REVEAL_TEXT && input.messageId ? { messageId: input.messageId } : {}),
        ...(input.field === REVEAL_TEXT && input.eventSeq !== undefined ? { eventSeq: input.eventSeq } : {}),
      },
    });
    return { field: input.field, value };
  });
}

/** One of the case's texts as written: a message, a timeline reason, or the description. */
async function caseText(db: Db, c: { id: string; description: string }, input: RevealInput): Promise<string | null> {
  if (input.messageId) {
    const m = await db.selectFrom('messages').select('body').where('id', '=', input.messageId).where('case_id', '=', c.id).executeTakeFirst();
    return m?.body ?? null;
  }
  if (input.eventSeq !== undefined) {
    const e = await db.selectFrom('case_events').select('reason').where('case_id', '=', c.id).where('seq', '=', input.eventSeq).executeTakeFirst();
    return e?.reason ?? null;
  }
  return c.description;
}

function clearValue(ring: PiiKeyRing, c: CustomerRecord, field: PiiField): string | null {
  try {
    switch (field) {
      case 'phone':
        return c.phone;
      case 'email':
        return c.email;
      case 'address':
        return c.address;
      case 'idNumber':
        return c.id_number_enc ? ring.decrypt(c.id_number_enc, ID_NUMBER_CONTEXT) : null;
      case 'bankCard':
        return c.refund_card_enc ? ring.decrypt(c.refund_card_enc, REFUND_CARD_CONTEXT) : null;
    }
  } catch (error) {
    if (!(error instanceof PiiDecryptError)) throw error;
    throw new AppError({
      status: 500,
      type: 'pii-key-unavailable',
      field: 'field',
      text: {
        'zh-CN': `无法解密该信息：${error.reason === 'unknown-key' ? `缺少密钥 ${error.keyId}` : '密钥不匹配或数据被改动'}。请联系系统管理员。`,
        'en-US': `The value cannot be decrypted: ${error.message}. Ask the system administrator.`,
      },
    });
  }
}
