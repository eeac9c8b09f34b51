// TanStack Query hooks over the public API. Writes carry an Idempotency-Key per submission.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { newIdempotencyKey } from '../lib/idempotency.ts';
import { api, isApiError } from './client.ts';
import type { CaseDetail, CaseKind, CaseSummary, CreatedCase, EligibilityAnswer, OrderDetail, OrderSummary, Page, RequestReason } from './types.ts';

export interface CaseFilters {
  state?: string | undefined;
  kind?: string | undefined;
  severity?: string | undefined;
  slaState?: string | undefined;
  channel?: string | undefined;
  queue?: string | undefined;
  q?: string | undefined;
  orderNo?: string | undefined;
  category?: string | undefined;
  priority?: string | undefined;
  emotion?: string | undefined;
  assignee?: string | undefined;
  open?: string | undefined;
  sort?: string | undefined;
  limit: number;
  offset: number;
}

export function useCases(filters: CaseFilters) {
  return useQuery({
    queryKey: ['cases', filters],
    queryFn: ({ signal }) => api<Page<CaseSummary>>('GET', '/api/v1/cases', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCase(caseNo: string) {
  return useQuery({
    queryKey: ['case', caseNo],
    queryFn: ({ signal }) => api<CaseDetail>('GET', `/api/v1/cases/${encodeURIComponent(caseNo)}`, { signal }),
  });
}

/** The orders list has no total: ask for one more row than shown to know if a next page exists. */
export function useOrders(page: number, pageSize: number, q = '') {
  return useQuery({
    queryKey: ['orders', page, pageSize, q],
    queryFn: async ({ signal }) => {
      const res = await api<{ items: OrderSummary[] }>('GET', '/api/v1/orders', { query: { limit: pageSize + 1, offset: page * pageSize, q }, signal });
      return { items: res.items.slice(0, pageSize), hasMore: res.items.length > pageSize };
    },
    placeholderData: keepPreviousData,
  });
}

export function useOrder(orderNo: string) {
  return useQuery({
    queryKey: ['order', orderNo],
    queryFn: ({ signal }) => api<OrderDetail>('GET', `/api/v1/orders/${encodeURIComponent(orderNo)}`, { signal }),
  });
}

export interface EligibilityInput {
  kind: CaseKind;
  reason: RequestReason;
  orderItemIds: string[];
  condition: Record<string, boolean>;
}

export function useEligibility(input: EligibilityInput | null) {
  return useQuery({
    queryKey: ['eligibility', input],
    queryFn: ({ signal }) => api<EligibilityAnswer>('POST', '/api/v1/eligibility', { body: input, signal }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

/**
 * One Idempotency-Key per user submission: kept when the request never reached the server
 * (so a retry cannot act twice), replaced once the server has answered.
 */
export function useSubmissionKey() {
  const key = useRef<string>(newIdempotencyKey());
  return {
    current: () => key.current,
    settle: (error: unknown) => {
      if (!isApiError(error) || error.status !== 0) key.current = newIdempotencyKey();
    },
  };
}

export function useCaseAction(caseNo: string) {
  const client = useQueryClient();
  const key = useSubmissionKey();
  return useMutation({
    mutationFn: ({ action, body }: { action: string; body: Record<string, unknown> }) =>
      api<CaseSummary>('POST', `/api/v1/cases/${encodeURIComponent(caseNo)}/actions/${action}`, { body, idempotencyKey: key.current() }),
    onSettled: async (_data, error) => {
      key.settle(error);
      await client.invalidateQueries({ queryKey: ['case', caseNo] });
      await client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export function useSendMessage(caseNo: string) {
  const client = useQueryClient();
  const key = useSubmissionKey();
  return useMutation({
    mutationFn: (body: { body: string; visibility: 'public' | 'internal' }) =>
      api<unknown>('POST', `/api/v1/cases/${encodeURIComponent(caseNo)}/messages`, { body, idempotencyKey: key.current() }),
    onSettled: async (_data, error) => {
      key.settle(error);
      await client.invalidateQueries({ queryKey: ['case', caseNo] });
    },
  });
}

export function useUploadAttachment(caseNo: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, purpose }: { file: File; purpose: string }) => {
      const form = new FormData();
      form.append('purpose', purpose); // fields before the file: the server reads them with the file
      form.append('file', file, file.name);
      return api<{ id: string; fileName: string }>('POST', `/api/v1/cases/${encodeURIComponent(caseNo)}/attachments`, { form });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['case', caseNo] });
    },
  });
}

export interface CreateCaseInput {
  kind: CaseKind;
  reason: RequestReason;
  orderNo: string;
  items: { orderItemId: string; quantity: number }[];
  description: string;
  desiredResolution?: string | undefined;
  condition: Record<string, boolean>;
  /** Staff recording a request for a customer name the channel it came by; a customer's own is the web. */
  channel?: string;
}

export function useCreateCase() {
  const client = useQueryClient();
  const key = useSubmissionKey();
  return useMutation({
    mutationFn: (input: CreateCaseInput) => api<CreatedCase>('POST', '/api/v1/cases', { body: { channel: 'web', ...input }, idempotencyKey: key.current() }),
    onSettled: async (_data, error) => {
      key.settle(error);
      await client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}
