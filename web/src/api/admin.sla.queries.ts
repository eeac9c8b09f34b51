// Hooks for the SLA admin page: targets, calendars, a month of a calendar's days, and saving.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { BusinessCalendar, CalendarDays, CalendarSpec, SlaTarget, SlaTargetInput } from './admin.types.ts';

export function useSlaTargets() {
  return useQuery({
    queryKey: ['admin', 'sla', 'targets'],
    queryFn: ({ signal }) => api<{ items: SlaTarget[] }>('GET', '/api/v1/sla/targets', { signal }),
  });
}

export function useSaveSlaTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SlaTargetInput }) =>
      id ? api<SlaTarget>('PUT', `/api/v1/sla/targets/${encodeURIComponent(id)}`, { body: input }) : api<SlaTarget>('POST', '/api/v1/sla/targets', { body: input }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'sla', 'targets'] });
    },
  });
}

export function useCalendars() {
  return useQuery({
    queryKey: ['admin', 'sla', 'calendars'],
    queryFn: ({ signal }) => api<{ items: BusinessCalendar[] }>('GET', '/api/v1/sla/calendars', { signal }),
  });
}

export function useSaveCalendar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: { name: string; spec: CalendarSpec; isDefault: boolean } }) =>
      id
        ? api<BusinessCalendar>('PUT', `/api/v1/sla/calendars/${encodeURIComponent(id)}`, { body: input })
        : api<BusinessCalendar>('POST', '/api/v1/sla/calendars', { body: input }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin', 'sla', 'calendars'] });
      await client.invalidateQueries({ queryKey: ['admin', 'sla', 'days'] });
    },
  });
}

/** Working days and days off of one calendar between two local dates (YYYY-MM-DD). */
export function useCalendarDays(id: string | null, from: string, to: string) {
  return useQuery({
    queryKey: ['admin', 'sla', 'days', id, from, to],
    queryFn: ({ signal }) => api<CalendarDays>('GET', `/api/v1/sla/calendars/${encodeURIComponent(id ?? '')}/days`, { query: { from, to }, signal }),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}
