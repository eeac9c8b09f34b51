// The words of triage (TR-1, TR-2, TR-5, TR-7): complaint categories, emotion, priority and the shape
// of a reason. Each list is the single source for types, schemas and labels.
import type { CaseKind, LocalizedText, Severity } from '../../shared/vocabulary.ts';

/** Complaint categories (TR-1, S3 ch6 投诉分类, S4 step 2.1). */
export const CATEGORIES = [
  'product_quality',
  'not_as_described',
  'logistics',
  'payment',
  'return_process',
  'service_attitude',
  'process_error',
  'privacy',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, LocalizedText> = {
  product_quality: { 'zh-CN': '商品质量', 'en-US': 'Product quality' },
  not_as_described: { 'zh-CN': '描述不符', 'en-US': 'Not as described' },
  logistics: { 'zh-CN': '物流服务', 'en-US': 'Logistics' },
  payment: { 'zh-CN': '支付问题', 'en-US': 'Payment' },
  return_process: { 'zh-CN': '退换货流程', 'en-US': 'Return / exchange process' },
  service_attitude: { 'zh-CN': '服务态度', 'en-US': 'Service attitude' },
  process_error: { 'zh-CN': '流程失误', 'en-US': 'Process error' },
  privacy: { 'zh-CN': '个人信息保护', 'en-US': 'Personal information protection' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
};

/** 普通诉求 / 高情绪诉求 (S4 step 1.2). */
export const EMOTIONS = ['normal', 'high'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export const EMOTION_LABELS: Record<Emotion, LocalizedText> = {
  normal: { 'zh-CN': '普通诉求', 'en-US': 'Normal' },
  high: { 'zh-CN': '高情绪诉求', 'en-US': 'High emotion' },
};

/**
 * Handling priority, P1 first. Severity sets the floor (L1 is always P1, L2 never below P2);
 * membership tier and high emotion raise it (TR-5). The table is in triage.priority.ts.
 */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_LABELS: Record<Priority, LocalizedText> = {
  P1: { 'zh-CN': 'P1 立即处理', 'en-US': 'P1 immediate' },
  P2: { 'zh-CN': 'P2 优先处理', 'en-US': 'P2 high' },
  P3: { 'zh-CN': 'P3 尽快处理', 'en-US': 'P3 normal' },
  P4: { 'zh-CN': 'P4 常规处理', 'en-US': 'P4 routine' },
};

export const REASON_FIELDS = ['category', 'severity', 'emotion', 'kind', 'priority'] as const;
export type ReasonField = (typeof REASON_FIELDS)[number];

/** Why one automatic decision was taken (TR-7): the rule or signal, and the words that fired it. */
export interface TriageReason {
  rule: string;
  field: ReasonField;
  matched?: string[];
  text: LocalizedText;
}

export interface TriageInput {
  text: string;
  channel?: string;
  tier?: string | null;
  /** A kind the customer or agent already chose: kept as is when it is a known kind. */
  kindHint?: string | null;
  /** Set by the incident module when ≥5 customers report the same problem (TR-6): L1. */
  groupComplaint?: boolean;
  /** Earlier contacts about the same problem; 2 or more makes the case L2. */
  previousContacts?: number;
}

export interface TriageResult {
  category: Category;
  categoryConfidence: number;
  kind: CaseKind;
  severity: Severity;
  emotion: Emotion;
  priority: Priority;
  /** 0–100, for ordering inside a priority; the bands of the table give the priority. */
  priorityScore: number;
  reasons: TriageReason[];
}
