// Hooks for the SLA engine's endpoints: the signed-in user's notices (polled), the escalation
// queue and the compliance figures.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AppNotification, ComplianceFigures, Escalation } from './sla.types.ts';
import type { Page } from './types.ts';

/** How often the bell asks for new notices (at most every 30 s, only while the tab is visible). */
const NOTIFICATION_POLL_MS = 30_000;
/** Unread notices fetched for the bell; the badge shows "99+" above this. */
export const UNREAD_LIMIT = 100;

export function useUnreadNotifications(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: ({ signal }) =>
      api<{ items: AppNotification[] }>('GET', '/api/v1/notifications', { query: { unread: 'true', limit: UNREAD_LIMIT }, signal }),
    enabled,
    refetchInterval: NOTIFICATION_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: NOTIFICATION_POLL_MS,
  });
}

export function useMarkNotificationRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ id: string; read: boolean }>('POST', `/api/v1/notifications/${encodeURIComponent(id)}/read`),
    onMutate: (id) => {
      // The notice leaves the unread list at once; the refetch below confirms it.
      client.setQueryData<{ items: AppNotification[] }>(['notifications', 'unread'], (old) =>
        old ? { items: old.items.filter((n) => n.id !== id) } : old,
      );
    },
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export function useEscalations(limit: number, offset: number) {
  return useQuery({
    queryKey: ['escalations', limit, offset],
    queryFn: ({ signal }) => api<Page<Escalation>>('GET', '/api/v1/sla/escalations', { query: { limit, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCompliance(groupBy: 'channel' | 'kind' | 'queue') {
  return useQuery({
    queryKey: ['compliance', groupBy],
    queryFn: ({ signal }) => api<ComplianceFigures>('GET', '/api/v1/sla/compliance', { query: { groupBy }, signal }),
  });
}
