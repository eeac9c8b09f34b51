// Hooks for the routing admin page: the ordered rule list (saved whole, with the version it was
// read at), queues, agent profiles, and "which rule would match" through the explain endpoint.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AgentProfile, Queue, RoutingExplanation, RoutingFactsInput, RoutingRule, RoutingRules } from './admin.types.ts';

export function useRoutingRules() {
  return useQuery({
    queryKey: ['admin', 'routing', 'rules'],
    queryFn: ({ signal }) => api<RoutingRules>('GET', '/api/v1/routing/rules', { signal }),
  });
}

export function useSaveRoutingRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; rules: RoutingRule[] }) => api<RoutingRules>('PUT', '/api/v1/routing/rules', { body }),
    onSuccess: (saved) => {
      client.setQueryData(['admin', 'routing', 'rules'], saved);
    },
  });
}

export function useQueues() {
  return useQuery({
    queryKey: ['admin', 'routing', 'queues'],
    queryFn: ({ signal }) => api<{ items: Queue[] }>('GET', '/api/v1/routing/queues', { signal }),
  });
}

export function useSaveQueue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ create, queue }: { create: boolean; queue: Queue }) => {
      const { key, ...rest } = queue;
      return create ? api<Queue>('POST', '/api/v1/routing/queues', { body: queue }) : api<Queue>('PUT', `/api/v1/routing/queues/${encodeURIComponent(key)}`, { body: rest });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'routing', 'queues'] });
    },
  });
}

export function useAgentProfiles() {
  return useQuery({
    queryKey: ['admin', 'routing', 'agents'],
    queryFn: ({ signal }) => api<{ items: AgentProfile[] }>('GET', '/api/v1/routing/agents', { query: { include: 'all' }, signal }),
  });
}

export interface ProfileInput {
  skills: AgentProfile['skills'];
  maxOpenCases: number;
  available: boolean;
  senior: boolean;
}

export function useSaveAgentProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, input }: { userId: string; input: Partial<ProfileInput> }) =>
      api<AgentProfile>('PUT', `/api/v1/routing/agents/${encodeURIComponent(userId)}`, { body: input }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'routing', 'agents'] });
    },
  });
}

/** The decision for a case number or for given facts; `rules` tries a draft list instead of the saved one. */
export function useExplainRouting() {
  return useMutation({
    mutationFn: (body: { caseNo: string } | { facts: RoutingFactsInput; rules?: RoutingRule[] }) => api<RoutingExplanation>('POST', '/api/v1/routing/explain', { body }),
  });
}
