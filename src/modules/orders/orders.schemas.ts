import { z } from 'zod';
import { MEMBERSHIP_TIERS, PRODUCT_FLAGS } from '../../shared/vocabulary.ts';
import { CARD_NUMBER, isValidIdNumber, normalizeCardNumber } from '../privacy/pii.fields.ts';
import { checkMessage } from '../../shared/validation.ts';

const externalId = z.string().trim().min(1).max(128);
const fen = z.number().int().min(0).max(1_000_000_000_00);
// An ISO 8601 date-time with its offset ("2026-11-08T15:00:00+08:00"): a number or a bare date is
// not taken for an instant (0 would be 1970).
const instant = z.iso.datetime({ offset: true }).pipe(z.coerce.date());

export const customerUpsertSchema = z.object({
  externalId,
  name: z.string().trim().min(1).max(100),
  phone: z.string().trim().max(32).nullish(),
  email: z.string().trim().email().max(200).nullish(),
  tier: z.enum(MEMBERSHIP_TIERS).default('regular'),
  locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
  // Personal data (RISK-2). Absent: left as stored; null: erased. The ID and card numbers are
  // stored encrypted, and only their masked forms are ever shown.
  address: z.string().trim().min(2).max(500).nullish().describe('Default address, one line; shown masked to roles that do not need it'),
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isValidIdNumber, checkMessage({ 'zh-CN': '请填写有效的 18 位身份证号', 'en-US': 'An 18-character mainland ID number with a valid check character' }))
    .nullish()
    .describe('Resident ID number (身份证号), needed for cross-border and high-value claims; stored encrypted'),
  refundAccount: z
    .object({
      bankName: z.string().trim().min(2).max(100),
      holderName: z.string().trim().min(1).max(100),
      cardNumber: z
        .string()
        .trim()
        .max(40)
        .refine((v) => CARD_NUMBER.test(normalizeCardNumber(v)), checkMessage({ 'zh-CN': '银行卡号为 12–19 位数字', 'en-US': 'A card number has 12 to 19 digits' })),
    })
    .nullish()
    .describe('Bank card for offline and cash-on-delivery refunds; the card number is stored encrypted'),
});
export type CustomerUpsert = z.infer<typeof customerUpsertSchema>;

export const merchantUpsertSchema = z.object({
  externalId,
  name: z.string().trim().min(1).max(200),
  platformOperated: z.boolean().default(false),
  returnAddress: z
    .object({
      recipient: z.string().trim().min(1).max(64),
      phone: z.string().trim().min(5).max(32),
      address: z.string().trim().min(5).max(300),
    })
    .nullish()
    .describe('Where buyers send returns (RES-6); shown on a case while its goods are to be sent back'),
});
export type MerchantUpsert = z.infer<typeof merchantUpsertSchema>;

export const productCategoryUpsertSchema = z.object({
  externalId,
  name: z
    .object({
      'zh-CN': z.string().trim().min(1).max(64),
      'en-US': z.string().trim().min(1).max(64).nullish(),
    })
    .describe('The name people read for this category code; without an English name, English readers see the Chinese one'),
});
export type ProductCategoryUpsert = z.infer<typeof productCategoryUpsertSchema>;

export const productUpsertSchema = z.object({
  externalId,
  merchantExternalId: externalId,
  name: z.string().trim().min(1).max(300),
  category: z.string().trim().min(1).max(64).describe('The shop system\'s category code; its name comes from PUT /api/v1/integration/product-categories/{code}'),
  priceFen: fen,
  warrantyMonths: z.number().int().min(0).max(120).nullish(),
  flags: z.array(z.enum(PRODUCT_FLAGS)).max(PRODUCT_FLAGS.length).default([]),
});
export type ProductUpsert = z.infer<typeof productUpsertSchema>;

export const ORDER_STATUSES = ['pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled'] as const;

export const orderUpsertSchema = z.object({
  externalId,
  orderNo: z.string().trim().min(1).max(64),
  customerExternalId: externalId,
  merchantExternalId: externalId,
  status: z.enum(ORDER_STATUSES),
  placedAt: instant,
  totalFen: fen,
  shippingFen: fen.default(0),
  shippingInsurance: z.boolean().default(false),
  shippingAddress: z.string().trim().max(500).nullish(),
  receiptConfirmedAt: instant
    .nullish()
    .describe('When the buyer confirmed receipt (确认收货), or the shop confirmed it for them; a policy may count its no-reason days from it (POL-2)'),
  items: z
    .array(
      z.object({
        externalId,
        productExternalId: externalId,
        sku: z.string().max(128).nullish(),
        quantity: z.number().int().min(1).max(10_000),
        unitPriceFen: fen,
        paidFen: fen,
      }),
    )
    .min(1)
    .max(500),
  payments: z
    .array(
      z.object({
        externalId,
        method: z.string().trim().min(1).max(32),
        amountFen: fen,
        paidAt: instant,
        providerRef: z.string().max(128).nullish(),
      }),
    )
    .max(50)
    .default([]),
});
export type OrderUpsert = z.infer<typeof orderUpsertSchema>;

export const SHIPMENT_STATUSES = ['created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'lost', 'returned'] as const;
/** A parcel still on its way with no trouble reported: one that can be late. */
export const SHIPMENT_ON_THE_WAY: readonly string[] = ['created', 'in_transit', 'out_for_delivery'];

export const shipmentUpsertSchema = z.object({
  externalId,
  orderExternalId: externalId,
  direction: z.enum(['outbound', 'return', 'replacement', 'repaired']).default('outbound'),
  carrier: z.string().trim().min(1).max(64),
  trackingNo: z.string().trim().min(1).max(64),
  status: z.enum(SHIPMENT_STATUSES),
  shippedAt: instant.nullish(),
  deliveredAt: instant.nullish(),
  /** The carrier's promised delivery time; a parcel still on its way past it is delayed (EX-6). */
  estimatedDeliveryAt: instant.nullish(),
});
export type ShipmentUpsert = z.infer<typeof shipmentUpsertSchema>;

export const shipmentEventSchema = z.object({
  shipmentExternalId: externalId,
  externalId,
  occurredAt: instant,
  status: z.enum(SHIPMENT_STATUSES),
  location: z.string().max(200).nullish(),
  description: z.string().max(1000).nullish(),
  /** A revised promise of delivery, when the carrier gives one with this report. */
  estimatedDeliveryAt: instant.nullish(),
});
export type ShipmentEventInput = z.infer<typeof shipmentEventSchema>;

export const upsertResultSchema = z.object({ id: z.string().uuid(), externalId: z.string() });
