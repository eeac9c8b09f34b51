// Changing the delivery address before dispatch (IN-6, IN-7): the customer on their own order, or
// staff on the customer's behalf with a reason. Refused once anything has left the warehouse;
// every change is kept on the order's audit trail (who, when, from → to).
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { AppError, invalid, notFound } from '../../shared/errors.ts';
import type { Actor } from '../identity/index.ts';
import { loadOrderDetail } from '../orders/orders.queries.ts';
import { ADDRESS_CHANGED, appendOrderEvent, lockOrderByNo, presentAddressChange, setShippingAddress } from './selfservice.repository.ts';
import { matching } from '../../shared/validation.ts';

/** Mainland China mobile numbers: 11 digits, 13x–19x. */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export const addressSchema = z.object({
  recipientName: z.string().trim().min(1).max(50),
  phone: matching(z.string().trim(), MAINLAND_MOBILE, { 'zh-CN': '请填写 11 位大陆手机号', 'en-US': 'A mainland mobile number: 11 digits starting with 13–19' }),
  province: z.string().trim().min(1).max(50),
  city: z.string().trim().min(1).max(50),
  district: z.string().trim().min(1).max(50),
  detail: z.string().trim().min(2).max(200),
  postalCode: matching(z.string().trim(), /^\d{6}$/, { 'zh-CN': '邮编为 6 位数字', 'en-US': 'A postal code has 6 digits' }).optional(),
});
export type AddressParts = z.infer<typeof addressSchema>;

export const changeAddressSchema = addressSchema.extend({
  /** Required when staff change the address on the customer's behalf. */
  reason: z.string().trim().min(2).max(500).optional(),
});
export type ChangeAddressInput = z.infer<typeof changeAddressSchema>;

/**
 * orders.shipping_address is one line of text (as shop imports write it); a structured address
 * is written the same way so both read alike: "张三，13800138000，浙江省 杭州市 西湖区 文三路 90 号".
 */
export function formatAddress(a: AddressParts): string {
  const region = [a.province, a.city, a.district].filter((p, i, all) => i === 0 || p !== all[i - 1]).join(' ');
  return `${a.recipientName}，${a.phone}，${region} ${a.detail}${a.postalCode ? `，${a.postalCode}` : ''}`;
}

const ORDER = { 'zh-CN': '订单', 'en-US': 'order' };
const DISPATCHED_STATUSES = new Set(['shipped', 'delivered', 'completed']);

function refusal(status: string, dispatched: boolean): AppError {
  if (dispatched) {
    return new AppError({
      status: 409,
      type: 'order-already-dispatched',
      text: {
        'zh-CN': '订单已发货，不能再修改收货地址。可联系承运商改派，或拒收后重新下单。',
        'en-US': 'The order has already shipped, so its delivery address can no longer be changed. Ask the carrier to redirect the parcel, or refuse it and order again.',
      },
      extra: { orderStatus: status },
    });
  }
  return new AppError({
    status: 409,
    type: 'order-address-locked',
    text: {
      'zh-CN': status === 'cancelled' ? '订单已取消，不能修改收货地址。' : '订单尚未付款，请在支付前修改收货地址。',
      'en-US': status === 'cancelled' ? 'The order is cancelled; its address cannot be changed.' : 'The order is not paid yet; change the address before paying.',
    },
    extra: { orderStatus: status },
  });
}

export async function changeShippingAddress(deps: AppDeps, actor: Actor, orderNo: string, input: ChangeAddressInput) {
  const { reason, ...parts } = input;
  const onBehalf = actor.role !== 'customer';
  if (onBehalf && !reason) {
    throw invalid('reason', { 'zh-CN': '代客户修改地址时须填写原因', 'en-US': 'Give the reason when changing the address for the customer' });
  }
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const order = await lockOrderByNo(trx, orderNo);
    // Someone else's order answers like a missing one, so order numbers cannot be probed.
    if (!order || (actor.role === 'customer' && order.customer_id !== actor.customerId)) throw notFound(ORDER, 'orderNo');
    const { shipments } = await loadOrderDetail(trx, order.id);
    const shipped = shipments.some((s) => s.direction === 'outbound' && (s.shipped_at !== null || s.status !== 'created'));
    if (shipped || order.status !== 'paid') throw refusal(order.status, shipped || DISPATCHED_STATUSES.has(order.status));
    const to = formatAddress(parts);
    if (to === order.shipping_address) return { orderNo, shippingAddress: to, changed: false, change: null };
    if (!(await setShippingAddress(trx, order.id, to, now))) throw refusal(order.status, true);
    const event = await appendOrderEvent(trx, {
      orderId: order.id,
      type: ADDRESS_CHANGED,
      actor,
      reason: reason ?? null,
      data: { from: order.shipping_address, to, toParts: parts, onBehalf },
      now,
    });
    return { orderNo, shippingAddress: to, changed: true, change: presentAddressChange(event) };
  });
}
