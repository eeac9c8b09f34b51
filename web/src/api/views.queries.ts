// Saved case-list views (GET/POST/DELETE /api/v1/saved-views).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export interface SavedView {
  id: string;
  name: string;
  filters: Record<string, string>;
  createdAt: string;
}

export function useSavedViews() {
  return useQuery({
    queryKey: ['saved-views'],
    queryFn: ({ signal }) => api<{ items: SavedView[] }>('GET', '/api/v1/saved-views', { signal }),
  });
}

export function useSaveView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (view: { name: string; filters: Record<string, string> }) => api<SavedView>('POST', '/api/v1/saved-views', { body: view }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['saved-views'] }),
  });
}

export function useDeleteView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/api/v1/saved-views/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['saved-views'] }),
  });
}
