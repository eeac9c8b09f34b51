// "My account": the signed-in person's sign-ins and integration tokens.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export const TOKEN_SCOPES = ['cases:read', 'cases:write', 'orders:read', 'orders:write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface SignInItem {
  id: string;
  delivery: 'cookie' | 'token';
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

export interface TokenItem {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

export interface CreatedToken {
  id: string;
  token: string;
  name: string;
  scopes: string[];
  expiresAt: string | null;
}

export function useSignIns() {
  return useQuery({
    queryKey: ['account', 'sign-ins'],
    queryFn: ({ signal }) => api<{ items: SignInItem[] }>('GET', '/api/v1/auth/sign-ins', { signal }),
  });
}

export function useEndSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/api/v1/auth/sign-ins/${encodeURIComponent(id)}`),
    onSettled: () => client.invalidateQueries({ queryKey: ['account', 'sign-ins'] }),
  });
}

export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: (includeIntegrationTokens: boolean) =>
      api<{ endedSignIns: number; revokedTokens: number }>('POST', '/api/v1/auth/sign-out-everywhere', { body: { includeIntegrationTokens } }),
  });
}

export function useTokens(enabled: boolean) {
  return useQuery({
    queryKey: ['account', 'tokens'],
    queryFn: ({ signal }) => api<{ items: TokenItem[] }>('GET', '/api/v1/auth/tokens', { signal }),
    enabled,
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scopes: TokenScope[]; expiresInDays: number | null }) => api<CreatedToken>('POST', '/api/v1/auth/tokens', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['account', 'tokens'] }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/api/v1/auth/tokens/${encodeURIComponent(id)}`),
    onSettled: () => client.invalidateQueries({ queryKey: ['account', 'tokens'] }),
  });
}
