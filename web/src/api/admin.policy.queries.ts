// Hooks for the policy admin pages: merchants (server-paged), a scope's policy in force and its
// versions, the draft check against the law and the baseline, and publishing a new version.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { MerchantListing, PageOf, PolicyCheck, PolicyInForce, PolicyRules, PolicyVersion } from './admin.types.ts';

/** null = the platform baseline; otherwise a merchant's id. */
export type PolicyScope = string | null;

export function useMe(enabled = true) {
  return useQuery({
    queryKey: ['me'],
    queryFn: ({ signal }) => api<{ userId: string; role: string; merchantId: string | null; displayName: string }>('GET', '/api/v1/me', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

export function useMerchants(filters: { q: string; page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: ['admin', 'merchants', filters],
    queryFn: ({ signal }) =>
      api<PageOf<MerchantListing>>('GET', '/api/v1/merchants', {
        query: { q: filters.q.trim() || undefined, limit: filters.pageSize, offset: (filters.page - 1) * filters.pageSize },
        signal,
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function usePolicyInForce(scope: PolicyScope) {
  return useQuery({
    queryKey: ['admin', 'policy', scope ?? 'platform'],
    queryFn: ({ signal }) => api<PolicyInForce>('GET', scope ? `/api/v1/merchants/${encodeURIComponent(scope)}/policy` : '/api/v1/policy', { signal }),
  });
}

export function usePolicyVersions(scope: PolicyScope) {
  return useQuery({
    queryKey: ['admin', 'policy', scope ?? 'platform', 'versions'],
    queryFn: ({ signal }) =>
      api<{ items: PolicyVersion[]; merchant?: { id: string; name: string } }>(
        'GET',
        scope ? `/api/v1/merchants/${encodeURIComponent(scope)}/policy/versions` : '/api/v1/policy/versions',
        { signal },
      ),
  });
}

export interface PolicyDraft {
  rules: PolicyRules;
  effectiveFrom?: string | undefined;
}

/** The law and baseline check of a draft merchant policy (nothing is saved). */
export function usePolicyCheck(merchantId: string | null, draft: PolicyDraft | null) {
  return useQuery({
    queryKey: ['admin', 'policy-check', merchantId, draft],
    queryFn: ({ signal }) => api<PolicyCheck>('POST', `/api/v1/merchants/${encodeURIComponent(merchantId ?? '')}/policy/check`, { body: draft, signal }),
    enabled: merchantId !== null && draft !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function usePublishPolicy(scope: PolicyScope) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: PolicyDraft) =>
      api<PolicyVersion>('PUT', scope ? `/api/v1/merchants/${encodeURIComponent(scope)}/policy` : '/api/v1/policy', { body: draft }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'policy'] });
      await client.invalidateQueries({ queryKey: ['admin', 'merchants'] });
    },
  });
}
