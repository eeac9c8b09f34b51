// Shop-system integration: each record is applied in its own transaction, idempotently.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import {
  customerUpsertSchema,
  merchantUpsertSchema,
  orderUpsertSchema,
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
  upsertShipment,
} from './orders.repository.ts';

/** One line of an import file: `{"type":"order","data":{…}}`. */
export const importRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('customer'), data: customerUpsertSchema }),
  z.object({ type: z.literal('merchant'), data: merchantUpsertSchema }),
  z.object({ type: z.literal('product'), data: productUpsertSchema }),
  z.object({ type: z.literal('order'), data: orderUpsertSchema }),
  z.object({ type: z.literal('shipment'), data: shipmentUpsertSchema }),
  z.object({ type: z.literal('shipment_event'), data: shipmentEventSchema }),
]);
export type ImportRecord = z.infer<typeof importRecordSchema>;

export async function applyImportRecord(db: Kysely<DB>, record: ImportRecord, now: Date): Promise<string> {
  return db.transaction().execute(async (trx) => {
    switch (record.type) {
      case 'customer':
        return upsertCustomer(trx, record.data, now);
      case 'merchant':
        return upsertMerchant(trx, record.data, now);
      case 'product':
        return upsertProduct(trx, record.data, now);
      case 'order':
        return upsertOrder(trx, record.data, now);
      case 'shipment':
        return upsertShipment(trx, record.data, now);
      case 'shipment_event':
        return addShipmentEvent(trx, record.data, now);
      default: {
        const unreachable: never = record;
        throw new Error(`unknown record ${JSON.stringify(unreachable)}`);
      }
    }
  });
}
