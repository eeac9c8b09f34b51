// The platform's published after-sales policy (GET /api/v1/policy, public), and the names of the
// shop's product category codes (GET /api/v1/product-categories) that policies and rules refer to.
import { useQuery } from '@tanstack/react-query';
import type { LocalizedText } from '../i18n/index.ts';
import { api } from './client.ts';

export interface PublishedRules {
  refund: { dayType: 'working' | 'natural'; withinDays: number };
  repair: { warrantyFallbackMonths: number; failedRepairsBeforeReplacement: number };
  reship: { days: number };
  qualityReturn: { days: number };
  qualityExchange: { days: number };
  logisticsClaim: { days: number };
  notAsDescribed: { days: number };
  noReasonReturn: {
    days: number;
    enabled: boolean;
    startsAt: 'sign_off' | 'receipt_confirmed';
    excludedFlags: string[];
    buyerPaysShipping: boolean;
    excludedCategories: string[];
  };
  noReasonExchange: { days: number; enabled: boolean };
  priceProtection: { days: number; enabled: boolean };
  fraudCompensation: { minimumFen: number; multiplier: number };
  freeReturnShipping: boolean;
}

export interface PublishedPolicy {
  policy: { version: number; effectiveFrom: string } | null;
  rules: PublishedRules;
  /** The categories excluded from no-reason return, with the names buyers read (POL-3). */
  excludedCategories: { code: string; name: LocalizedText }[];
}

/**
 * The platform's first baseline is dated 2000-01-01 so that it covers every order placed before a
 * later version (imported history too): it has no start date worth showing.
 */
export function coversEarlierOrders(effectiveFrom: string): boolean {
  return Date.parse(effectiveFrom) <= FIRST_BASELINE_FROM;
}
const FIRST_BASELINE_FROM = Date.parse('2000-01-01T00:00:00Z');

export function usePublishedPolicy() {
  return useQuery({
    queryKey: ['policy', 'published'],
    queryFn: ({ signal }) => api<PublishedPolicy>('GET', '/api/v1/policy', { signal }),
    staleTime: 5 * 60_000,
  });
}

export interface NamedCategory {
  code: string;
  name: LocalizedText;
}

export function useProductCategories() {
  return useQuery({
    queryKey: ['product-categories'],
    queryFn: ({ signal }) => api<{ items: NamedCategory[] }>('GET', '/api/v1/product-categories', { signal }),
    staleTime: 5 * 60_000,
  });
}
