// Orders of the demo shop: items, payment, and an outbound parcel with carrier events
// (揽收 → 转运 → 派送 → 签收), or one stuck with an exception.
import { compactLocalDate } from '../../shared/time.ts';
import { CARRIERS, type DemoProduct, PAYMENT_METHODS } from './catalog.ts';
import { HUBS } from './people.ts';
import type { Random } from './random.ts';
import { CUSTOMER_NAMES_FOR_SIGNING } from './texts.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type OrderStatus = 'paid' | 'shipped' | 'delivered' | 'completed' | 'cancelled';
export type ShipmentStatus = 'created' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception';

export interface ItemSpec {
  externalId: string;
  product: DemoProduct;
  sku: string;
  quantity: number;
  unitPriceFen: number;
  paidFen: number;
}

export interface EventSpec {
  externalId: string;
  at: Date;
  status: ShipmentStatus;
  location: string;
  description: string;
}

export interface ShipmentSpec {
  externalId: string;
  carrier: string;
  trackingNo: string;
  shippedAt: Date;
  deliveredAt: Date | null;
  /** The carrier's promise: three days from pick-up, as express services in China usually give. */
  estimatedDeliveryAt: Date;
  status: ShipmentStatus;
  events: EventSpec[];
}

const AUTO_CONFIRM_DAYS = 10;
const PROMISED_HOURS = 72;

export interface OrderSpec {
  externalId: string;
  orderNo: string;
  customerIndex: number;
  merchantNo: number;
  placedAt: Date;
  status: OrderStatus;
  /** 确认收货: the shop confirms for the buyer 10 days after delivery, as the big platforms do. */
  receiptConfirmedAt: Date | null;
  insurance: boolean;
  address: string;
  shippingFen: number;
  items: ItemSpec[];
  paymentMethod: string | null;
  shipment: ShipmentSpec | null;
}

/** How far the parcel got. `signedAt` pins the delivery time; `stuckSince` the exception. */
export type Delivery =
  | { mode: 'delivered'; signedAt?: Date }
  | { mode: 'in_transit' }
  | { mode: 'stuck'; shippedAt: Date }
  | { mode: 'awaiting_shipment' }
  | { mode: 'cancelled' };

const ORIGINS: Record<number, string> = { 1: '北京市', 2: '深圳市', 3: '佛山市', 4: '杭州市', 5: '上海市', 6: '烟台市', 7: '东莞市', 8: '南京市' };

export class OrderFactory {
  #seq = 0;

  constructor(
    private readonly rng: Random,
    private readonly prefix: string,
    private readonly orderNoPrefix: string,
    /** Nothing happens after this instant (the real "now" of the seed). */
    private readonly now: Date,
  ) {}

  get count(): number {
    return this.#seq;
  }

  make(input: { customerIndex: number; address: string; products: DemoProduct[]; placedAt: Date; delivery: Delivery; quantity?: number }): OrderSpec {
    const rng = this.rng;
    this.#seq += 1;
    const seq = this.#seq;
    const id = String(seq).padStart(5, '0');
    const first = input.products[0];
    if (!first) throw new Error('an order needs a product');
    const items: ItemSpec[] = input.products.map((product, index) => {
      const quantity = input.quantity ?? (product.priceFen < 20_000 && rng.chance(0.25) ? 2 : 1);
      const discount = rng.chance(0.3) ? rng.pick([0.05, 0.08, 0.1, 0.15]) : 0;
      const gross = product.priceFen * quantity;
      return {
        externalId: String(index + 1),
        product,
        sku: rng.pick(product.skus),
        quantity,
        unitPriceFen: product.priceFen,
        paidFen: Math.round((gross * (1 - discount)) / 100) * 100,
      };
    });
    const goodsFen = items.reduce((sum, i) => sum + i.paidFen, 0);
    const shippingFen = first.merchantNo !== 1 && goodsFen < 9_900 ? 800 : 0;
    const insurance = ['apparel', 'cosmetics'].includes(first.category) ? rng.chance(0.45) : rng.chance(0.15);
    const digital = input.products.every((p) => p.category === 'digital');
    const shipment = digital || input.delivery.mode === 'cancelled' || input.delivery.mode === 'awaiting_shipment'
      ? null
      : this.#shipment(id, first.merchantNo, input.placedAt, input.delivery, input.address);
    const status: OrderStatus = digital
      ? 'completed'
      : input.delivery.mode === 'cancelled'
        ? 'cancelled'
        : input.delivery.mode === 'awaiting_shipment'
          ? 'paid'
          : shipment?.status === 'delivered'
            ? (shipment.deliveredAt && this.now.getTime() - shipment.deliveredAt.getTime() > AUTO_CONFIRM_DAYS * DAY ? 'completed' : 'delivered')
            : 'shipped';
    const receiptConfirmedAt =
      status !== 'completed' ? null : shipment?.deliveredAt ? new Date(shipment.deliveredAt.getTime() + AUTO_CONFIRM_DAYS * DAY) : input.placedAt;
    return {
      externalId: `${this.prefix}o${id}`,
      orderNo: `${this.orderNoPrefix}${compactLocalDate(input.placedAt)}${id}${rng.digits(3)}`,
      customerIndex: input.customerIndex,
      merchantNo: first.merchantNo,
      placedAt: input.placedAt,
      status,
      receiptConfirmedAt,
      insurance,
      address: input.address,
      shippingFen,
      items,
      paymentMethod: input.delivery.mode === 'cancelled' ? null : rng.weighted(PAYMENT_METHODS),
      shipment,
    };
  }

  #shipment(id: string, merchantNo: number, placedAt: Date, delivery: Delivery, address: string): ShipmentSpec {
    const rng = this.rng;
    const carrier = merchantNo === 6 ? CARRIERS[0]! : rng.pick(CARRIERS);
    const origin = ORIGINS[merchantNo] ?? '广州市';
    const destination = address.split(' ')[2]?.slice(0, 6) ?? '收货地';
    const limit = this.now.getTime() - 10 * 60_000;
    const shippedAt = delivery.mode === 'stuck' ? delivery.shippedAt : new Date(Math.min(placedAt.getTime() + rng.int(2, 30) * HOUR, limit - 3 * HOUR));
    const hub = rng.pick(HUBS);
    const events: Omit<EventSpec, 'externalId'>[] = [
      { at: shippedAt, status: 'created', location: origin, description: `【${origin}】${carrier.name}已揽收` },
    ];
    const transitAt = new Date(Math.min(shippedAt.getTime() + rng.int(4, 14) * HOUR, limit - 2 * HOUR));
    events.push({ at: transitAt, status: 'in_transit', location: hub, description: `快件已到达【${hub}】` });
    let deliveredAt: Date | null = null;
    let status: ShipmentStatus = 'in_transit';
    if (delivery.mode === 'delivered') {
      const signed = delivery.signedAt ?? new Date(shippedAt.getTime() + rng.int(20, 96) * HOUR);
      deliveredAt = new Date(Math.min(Math.max(signed.getTime(), transitAt.getTime() + 3 * HOUR), limit));
      const departAt = new Date(transitAt.getTime() + Math.floor((deliveredAt.getTime() - transitAt.getTime()) / 3));
      events.push({ at: departAt, status: 'in_transit', location: hub, description: `快件已从【${hub}】发出，正在发往【${destination}】` });
      if (rng.chance(0.6)) {
        const outAt = new Date(deliveredAt.getTime() - rng.int(1, 3) * HOUR);
        if (outAt > departAt) {
          events.push({ at: outAt, status: 'out_for_delivery', location: destination, description: `【${destination}】快递员正在派送，请保持电话畅通` });
        }
      }
      events.push({ at: deliveredAt, status: 'delivered', location: destination, description: `已签收，签收人：${rng.pick(CUSTOMER_NAMES_FOR_SIGNING)}` });
      status = 'delivered';
    } else if (delivery.mode === 'stuck') {
      const stuckAt = new Date(Math.min(transitAt.getTime() + rng.int(6, 20) * HOUR, limit - HOUR));
      events.push({ at: stuckAt, status: 'exception', location: hub, description: `快件在【${hub}】滞留，原因：${rng.pick(['分拣异常', '天气原因航班延误', '包裹面单破损待核实'])}` });
      status = 'exception';
    }
    return {
      externalId: `${this.prefix}s${id}`,
      carrier: carrier.name,
      trackingNo: carrier.tracking((n) => rng.digits(n)),
      shippedAt,
      deliveredAt,
      estimatedDeliveryAt: new Date(shippedAt.getTime() + PROMISED_HOURS * HOUR),
      status,
      events: events.map((e, index) => ({ ...e, externalId: `${index + 1}` })),
    };
  }
}
