// Shop-system integration: each record is applied in its own transaction, idempotently.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { sealCustomerPii } from '../privacy/pii.columns.ts';
import type { PiiKeyRing } from '../privacy/pii.crypto.ts';
import {
  customerUpsertSchema,
  merchantUpsertSchema,
  orderUpsertSchema,
  productCategoryUpsertSchema,
  productUpsertSchema,
  shipmentEventSchema,
  shipmentUpsertSchema,
} from './orders.schemas.ts';
import {
  addShipmentEvent,
  upsertCustomer,
  upsertMerchant,
  upsertOrder,
  upsertProduct,
  upsertProductCategory,
  upsertShipment,
} from './orders.repository.ts';

/** One line of an import file: `{"type":"order","data":{…}}`. */
export const importRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('customer'), data: customerUpsertSchema }),
  z.object({ type: z.literal('merchant'), data: merchantUpsertSchema }),
  z.object({ type: z.literal('product_category'), data: productCategoryUpsertSchema }),
  z.object({ type: z.literal('product'), data: productUpsertSchema }),
  z.object({ type: z.literal('order'), data: orderUpsertSchema }),
  z.object({ type: z.literal('shipment'), data: shipmentUpsertSchema }),
  z.object({ type: z.literal('shipment_event'), data: shipmentEventSchema }),
]);
export type ImportRecord = z.infer<typeof importRecordSchema>;

export interface ImportHooks {
  /** A return shipment of a case was delivered (the case module starts the merchant's clock). */
  returnDelivered?: (trx: Kysely<DB>, caseId: string, deliveredAt: Date) => Promise<void>;
  /** A parcel (a case's return or replacement, an order's delivery) was reported lost or in trouble (EX-6). */
  parcelTrouble?: (
    trx: Kysely<DB>,
    parcel: { case_id: string | null; order_id: string | null; direction: string },
    trouble: { status: string; description: string | null; occurredAt: Date },
  ) => Promise<void>;
  /** An order's delivery ended: signed for, back with the seller or lost (an interception waits on it). */
  deliveryOutcome?: (
    trx: Kysely<DB>,
    parcel: { case_id: string | null; order_id: string | null; direction: string },
    report: { status: string; occurredAt: Date },
  ) => Promise<void>;
  /** Encrypts a customer's ID and bank card numbers (required when a record carries them). */
  pii?: PiiKeyRing;
}

export async function applyImportRecord(db: Kysely<DB>, record: ImportRecord, now: Date, hooks: ImportHooks = {}): Promise<string> {
  return db.transaction().execute(async (trx) => {
    switch (record.type) {
      case 'customer':
        return upsertCustomer(trx, record.data, now, sealCustomerPii(hooks.pii, record.data));
      case 'merchant':
        return upsertMerchant(trx, record.data, now);
      case 'product_category':
        return upsertProductCategory(trx, record.data, now);
      case 'product':
        return upsertProduct(trx, record.data, now);
      case 'order':
        return upsertOrder(trx, record.data, now);
      case 'shipment':
        return upsertShipment(trx, record.data, now);
      case 'shipment_event': {
        const id = await addShipmentEvent(trx, record.data, now);
        const { status } = record.data;
        const ended = status === 'delivered' || status === 'returned' || status === 'lost';
        const watched = (status === 'delivered' && hooks.returnDelivered) || ((status === 'lost' || status === 'exception') && hooks.parcelTrouble) || (ended && hooks.deliveryOutcome);
        if (!watched) return id;
        const shipment = await trx
          .selectFrom('shipments')
          .select(['case_id', 'order_id', 'direction'])
          .where('external_id', '=', record.data.shipmentExternalId)
          .executeTakeFirstOrThrow();
        const occurredAt = new Date(record.data.occurredAt);
        if (status === 'delivered' && shipment.direction === 'return' && shipment.case_id) await hooks.returnDelivered?.(trx, shipment.case_id, occurredAt);
        if (status === 'lost' || status === 'exception') {
          await hooks.parcelTrouble?.(trx, shipment, { status, description: record.data.description ?? null, occurredAt });
        }
        if (ended) await hooks.deliveryOutcome?.(trx, shipment, { status, occurredAt });
        return id;
      }
      default: {
        const unreachable: never = record;
        throw new Error(`unknown record ${JSON.stringify(unreachable)}`);
      }
    }
  });
}
