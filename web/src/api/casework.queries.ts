// Hooks for casework: suggested replies and the wording check of a reply, routing's queues and
// agents (for assigning), and incidents with their cases.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AgentProfile, Incident, IncidentDetail, Queue, SuggestedReplies, WordingFlag } from './casework.types.ts';
import type { Page } from './types.ts';

/** The best few: enough to choose from without pushing the composer off the screen. */
const SUGGESTIONS_SHOWN = 5;

export function useSuggestedReplies(caseNo: string, locale: 'zh-CN' | 'en-US' | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['suggested-replies', caseNo, locale ?? 'customer'],
    queryFn: ({ signal }) =>
      api<SuggestedReplies>('GET', `/api/v1/cases/${encodeURIComponent(caseNo)}/suggested-replies`, { query: { locale, limit: SUGGESTIONS_SHOWN }, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function checkWording(text: string, signal?: AbortSignal): Promise<{ flags: WordingFlag[] }> {
  return api<{ flags: WordingFlag[] }>('POST', '/api/v1/replies/check-wording', { body: { text }, ...(signal ? { signal } : {}) });
}

/** The wording check of a text (already debounced by the caller); nothing is asked for blank text. */
export function useWordingCheck(text: string, enabled: boolean) {
  return useQuery({
    queryKey: ['check-wording', text],
    queryFn: ({ signal }) => checkWording(text, signal),
    enabled: enabled && text.trim().length > 0,
    staleTime: Infinity,
  });
}

export function useQueues(enabled: boolean) {
  return useQuery({
    queryKey: ['routing', 'queues'],
    queryFn: ({ signal }) => api<{ items: Queue[] }>('GET', '/api/v1/routing/queues', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/** Agent profiles with their load (supervisors and admins). */
export function useAgents(enabled: boolean) {
  return useQuery({
    queryKey: ['routing', 'agents'],
    queryFn: ({ signal }) => api<{ items: AgentProfile[] }>('GET', '/api/v1/routing/agents', { signal }),
    enabled,
  });
}

export function useIncidents(status: 'open' | 'resolved' | undefined, limit: number, offset: number) {
  return useQuery({
    queryKey: ['incidents', status, limit, offset],
    queryFn: ({ signal }) => api<Page<Incident>>('GET', '/api/v1/incidents', { query: { status, limit, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useIncident(incidentNo: string) {
  return useQuery({
    queryKey: ['incident', incidentNo],
    queryFn: ({ signal }) => api<IncidentDetail>('GET', `/api/v1/incidents/${encodeURIComponent(incidentNo)}`, { signal }),
  });
}

export function useResolveIncident(incidentNo: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => api<Incident>('POST', `/api/v1/incidents/${encodeURIComponent(incidentNo)}/resolve`, { body: { note } }),
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: ['incident', incidentNo] });
      await client.invalidateQueries({ queryKey: ['incidents'] });
    },
  });
}
