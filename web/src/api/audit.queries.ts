// Hooks for the audit trail (search pages by cursor, export) and the customer card with its reveal.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, downloadFile } from './client.ts';
import type { AuditFilters, AuditPage, CustomerCard, RevealTarget } from './audit.types.ts';

export const AUDIT_PAGE_SIZE = 50;

export function useAuditPage(filters: AuditFilters, cursor: number | undefined) {
  return useQuery({
    queryKey: ['audit', filters, cursor],
    queryFn: ({ signal }) => api<AuditPage>('GET', '/api/v1/audit', { query: { ...filters, limit: AUDIT_PAGE_SIZE, cursor }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function exportAudit(filters: AuditFilters, format: 'csv' | 'jsonl'): Promise<void> {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return downloadFile(`/api/v1/audit/export?${params.toString()}`, `audit.${format}`);
}

export function useCustomerCard(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['customer', customerId],
    queryFn: ({ signal }) => api<CustomerCard>('GET', `/api/v1/customers/${encodeURIComponent(customerId)}`, { signal }),
    enabled,
  });
}

/** A revealed value is kept only by the component that asked for it, never in the query cache. */
export function useReveal(customerId: string) {
  return useMutation({
    mutationFn: (input: { field: RevealTarget; reason: string; caseNo: string; messageId?: string }) =>
      api<{ field: RevealTarget; value: string }>('POST', `/api/v1/customers/${encodeURIComponent(customerId)}/reveal`, { body: input }),
  });
}
