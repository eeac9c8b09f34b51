// The supervisors' dashboard figures (GET /api/v1/reports/overview).
import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import { serverNow } from '../lib/serverClock.ts';

export interface OverviewFigures {
  from: string;
  to: string;
  backlog: { state: string; severity: string; count: number }[];
  openCases: number;
  sla: { met: number; breached: number; metShare: number | null; openBreaches: number };
  satisfaction: { count: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
  topCategories: { category: string; count: number }[];
  intake: { day: string; count: number }[];
  incidents: { open: number; latest: { incidentNo: string; scope: string; category: string; customers: number; openedAt: string }[] };
}

export const DASHBOARD_ROLES = ['supervisor', 'compliance', 'admin'] as const;

export function useOverview(days: number) {
  return useQuery({
    queryKey: ['reports', 'overview', days],
    queryFn: ({ signal }) => {
      const to = new Date(serverNow());
      const from = new Date(to.getTime() - days * 86_400_000);
      return api<OverviewFigures>('GET', '/api/v1/reports/overview', { query: { from: from.toISOString(), to: to.toISOString() }, signal });
    },
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
  });
}
