// Hooks for user management (admins) and collaboration requests (departments and case handlers).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { useSubmissionKey } from './queries.ts';
import type { Page } from './types.ts';
import type { CollaborationRequest, Department, NewUser, User, UserChange, UserOptions } from './users.types.ts';

export interface UserFilters {
  role?: string | undefined;
  department?: string | undefined;
  merchantId?: string | undefined;
  status?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', filters],
    queryFn: ({ signal }) => api<Page<User>>('GET', '/api/v1/users', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUserOptions(merchantQuery: string | undefined) {
  return useQuery({
    queryKey: ['user-options', merchantQuery ?? ''],
    queryFn: ({ signal }) => api<UserOptions>('GET', '/api/v1/users/options', { query: { merchantQuery }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewUser) => api<User>('POST', '/api/v1/users', { body: input }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UserChange }) => api<User>('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, { body: change }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export interface CollaborationFilters {
  status?: 'open' | 'answered' | 'cancelled' | undefined;
  late?: boolean | undefined;
  department?: string | undefined;
  limit: number;
  offset: number;
}

/** A department's requests (its own only), or every department's for staff. */
export function useCollaborations(filters: CollaborationFilters) {
  const { late, ...rest } = filters;
  return useQuery({
    queryKey: ['collaborations', filters],
    queryFn: ({ signal }) =>
      api<Page<CollaborationRequest>>('GET', '/api/v1/collaborations', { query: { ...rest, late: late ? 'true' : undefined }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
  });
}

async function afterCollaborationChange(client: ReturnType<typeof useQueryClient>, caseNo: string | undefined) {
  await client.invalidateQueries({ queryKey: ['collaborations'] });
  if (caseNo) await client.invalidateQueries({ queryKey: ['case', caseNo] });
}

export function useAskDepartment(caseNo: string) {
  const client = useQueryClient();
  const key = useSubmissionKey();
  return useMutation({
    mutationFn: (body: { department: Department; question: string; dueMinutes?: number | undefined }) =>
      api<CollaborationRequest>('POST', `/api/v1/cases/${encodeURIComponent(caseNo)}/collaborations`, { body, idempotencyKey: key.current() }),
    onSettled: async (_data, error) => {
      key.settle(error);
      await afterCollaborationChange(client, caseNo);
    },
  });
}

export function useAnswerCollaboration() {
  const client = useQueryClient();
  const key = useSubmissionKey();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: string; caseNo?: string | undefined }) =>
      api<CollaborationRequest>('POST', `/api/v1/collaborations/${encodeURIComponent(id)}/answer`, { body: { answer }, idempotencyKey: key.current() }),
    onSettled: async (_data, error, variables) => {
      key.settle(error);
      await afterCollaborationChange(client, variables.caseNo);
    },
  });
}

export function useCancelCollaboration() {
  const client = useQueryClient();
  const key = useSubmissionKey();
  return useMutation({
    mutationFn: ({ id }: { id: string; caseNo?: string | undefined }) =>
      api<CollaborationRequest>('POST', `/api/v1/collaborations/${encodeURIComponent(id)}/cancel`, { body: {}, idempotencyKey: key.current() }),
    onSettled: async (_data, error, variables) => {
      key.settle(error);
      await afterCollaborationChange(client, variables.caseNo);
    },
  });
}

export interface Me {
  userId: string | null;
  role: string;
  displayName: string;
  customerId: string | null;
  merchantId: string | null;
  department: string | null;
}

/** Who is signed in, with their department (the sign-in answer does not carry it). */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: ({ signal }) => api<Me>('GET', '/api/v1/me', { signal }), staleTime: 5 * 60_000 });
}
