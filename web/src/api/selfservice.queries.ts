// Self-service writes: the customer (or staff for them, with a reason) changes the delivery
// address before dispatch.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AddressChange, AddressParts } from './types.ts';

export interface AddressChangeResult {
  orderNo: string;
  shippingAddress: string;
  changed: boolean;
  change: AddressChange | null;
}

export function useChangeShippingAddress(orderNo: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AddressParts & { reason?: string | undefined }) =>
      api<AddressChangeResult>('PUT', `/api/v1/orders/${encodeURIComponent(orderNo)}/shipping-address`, { body }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['order', orderNo] });
    },
  });
}
