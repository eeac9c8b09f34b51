// Table types for Kysely, kept by hand beside the SQL migrations (the SQL is the source).
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { BusinessCalendarsTable, CaseDeadlinesTable, NotificationsTable, SlaTargetsTable } from './schema.sla.ts';
import type { CollaborationRequestsTable } from './schema.collab.ts';
import type { AgentProfilesTable, QueuesTable, RoutingRulesTable } from './schema.routing.ts';
import type { KbArticleVersionsTable, KbArticlesTable, KbDeflectionsTable, OrderEventsTable } from './schema.kb.ts';
import type { IncidentCasesTable, IncidentSettingsTable, IncidentsTable } from './schema.incidents.ts';
import type { ReplyTemplatesTable } from './schema.templates.ts';
import type { AuditLogTable, AuditPendingTable, AuditSealsTable } from './schema.audit.ts';
import type { CasePresenceTable, SavedViewsTable } from './schema.live.ts';
import type { EmailOutboxTable } from './schema.email.ts';
import type { SignInFailuresTable, SignInsTable } from './schema.auth.ts';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default. */
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string, string>;
export type Money = ColumnType<number, number | bigint, number | bigint>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  customer_id: string | null;
  merchant_id: string | null;
  locale: Generated<string>;
  created_at: DefaultTimestamp;
  /** Set for role 'department' only (0007_collaboration.sql). */
  department: string | null;
  /** Set while an admin has deactivated the user: no sign-in, no token works (0012_users.sql). */
  deactivated_at: Timestamp | null;
  updated_at: DefaultTimestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** Scopes the token may use (0015_sign_in.sql); the column's default is every scope. */
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  last_used_at: Timestamp | null;
}

export interface CustomersTable {
  id: Generated<string>;
  external_id: string;
  name: string;
  phone: string | null;
  email: string | null;
  tier: Generated<string>;
  locale: Generated<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** 0011: sensitive personal data (RISK-2), ciphertexts with their masked forms. */
  address: string | null;
  id_number_enc: string | null;
  id_number_masked: string | null;
  refund_bank: string | null;
  refund_holder: string | null;
  refund_card_enc: string | null;
  refund_card_masked: string | null;
}

export interface MerchantsTable {
  id: Generated<string>;
  external_id: string;
  name: string;
  platform_operated: Generated<boolean>;
  /** Where returns go (0027): { recipient, phone, address }, or null when the shop has not sent one. */
  return_address: unknown;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** Names of the shop system's category codes (0022_product_categories.sql). */
export interface ProductCategoriesTable {
  id: Generated<string>;
  /** The code products.category holds. */
  external_id: string;
  name_zh: string;
  name_en: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ProductsTable {
  id: Generated<string>;
  external_id: string;
  merchant_id: string;
  name: string;
  category: string;
  price_fen: Money;
  warranty_months: number | null;
  flags: Generated<string[]>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface OrdersTable {
  id: Generated<string>;
  external_id: string;
  order_no: string;
  customer_id: string;
  merchant_id: string;
  status: string;
  placed_at: Timestamp;
  total_fen: Money;
  shipping_fen: Money;
  currency: Generated<string>;
  shipping_insurance: Generated<boolean>;
  shipping_address: string | null;
  receipt_confirmed_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface OrderItemsTable {
  id: Generated<string>;
  order_id: string;
  external_id: string;
  product_id: string;
  sku: string | null;
  quantity: number;
  unit_price_fen: Money;
  paid_fen: Money;
}

export interface PaymentsTable {
  id: Generated<string>;
  external_id: string;
  order_id: string;
  method: string;
  amount_fen: Money;
  paid_at: Timestamp;
  provider_ref: string | null;
}

export interface CasesTable {
  id: Generated<string>;
  case_no: string;
  kind: string;
  state: string;
  reason: string;
  channel: string;
  customer_id: string;
  merchant_id: string | null;
  order_id: string | null;
  title: string;
  description: string;
  /** Migration 0034 (RISK-2): the description as those who read contact details see it, and as everyone else does: what their search matches. */
  description_contact: string;
  description_masked: string;
  desired_resolution: string | null;
  severity: Generated<string>;
  category: string | null;
  policy_version_id: string | null;
  eligibility: Json | null;
  responsibility: string | null;
  rejected_plans: Generated<number>;
  reopen_count: Generated<number>;
  result_notified_at: Timestamp | null;
  unanswered_customer_messages: Generated<number>;
  pending_counter_offer_id: string | null;
  merged_into_id: string | null;
  open_dedupe_key: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  archived_at: Timestamp | null;
  queue: Generated<string>;
  assignee_id: string | null;
  emotion: Generated<string>;
  priority: Generated<string>;
  triage: Json | null;
  /** 0016_retention.sql: RISK-5 media/regulator flag, CL-6 legal hold and purge. */
  media_flag: Json<MediaFlag> | null;
  legal_hold_at: Timestamp | null;
  legal_hold_reason: string | null;
  legal_hold_by: string | null;
  purged_at: Timestamp | null;
  purge_summary: Json | null;
  /** 0024: when the case first entered execution (CaseSnapshot.executionStarted). */
  execution_started_at: Timestamp | null;
  /** 0032: fraud found on the case (假一赔三 owed) and by whom; cleared only when compliance withdraws it. */
  fraud_found_at: Timestamp | null;
  fraud_found_by: string | null;
}

/** Why a case speaks with a single external voice (RISK-5); stored in cases.media_flag. */
export interface MediaFlag {
  flaggedAt: string;
  source: 'triage' | 'message' | 'staff';
  /** The words that showed media or a regulator involved (empty for a person's flag). */
  signals: string[];
  reason: string | null;
}

export interface CaseItemsTable {
  id: Generated<string>;
  case_id: string;
  order_item_id: string;
  quantity: number;
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  seq: number;
  type: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: string | null;
  actor_role: string;
  reason: string | null;
  data: Json;
  occurred_at: Timestamp;
}

export interface CaseLinksTable {
  case_id: string;
  linked_case_id: string;
  link_type: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface MessagesTable {
  id: Generated<string>;
  case_id: string;
  author_id: string | null;
  author_role: string;
  visibility: string;
  channel: string;
  body: string;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: Generated<string>;
  case_id: string;
  case_item_id: string | null;
  purpose: string;
  supports: string | null;
  uploaded_by: string | null;
  uploader_role: string;
  file_name: string;
  content_type: string;
  size_bytes: Money;
  sha256: string;
  storage_key: string;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  operation: string;
  request_hash: string;
  status_code: number;
  response: Json;
  created_at: Timestamp;
}

export interface PolicyVersionsTable {
  id: Generated<string>;
  scope: string;
  merchant_id: string | null;
  version: number;
  rules: Json;
  effective_from: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ShipmentsTable {
  id: Generated<string>;
  external_id: string;
  order_id: string | null;
  case_id: string | null;
  direction: string;
  carrier: string;
  tracking_no: string;
  status: string;
  shipped_at: Timestamp | null;
  delivered_at: Timestamp | null;
  /** The carrier's promised delivery time (its latest revision). */
  estimated_delivery_at: Timestamp | null;
  /** When the parcel was noticed still on its way past that promise; cleared by a later promise. */
  delay_noticed_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ShipmentEventsTable {
  id: Generated<string>;
  shipment_id: string;
  external_id: string;
  occurred_at: Timestamp;
  status: string;
  location: string | null;
  description: string | null;
}

export interface OffersTable {
  id: Generated<string>;
  case_id: string;
  revision: number;
  parent_offer_id: string | null;
  proposed_by: string | null;
  proposer_role: string;
  status: string;
  plan_type: string;
  terms: Json;
  steps: Json;
  responsibility: string | null;
  basis: string | null;
  /** Written on a media-flagged case by someone who does not speak outside: hidden from the customer (0023). */
  basis_internal: Generated<boolean>;
  goodwill_reason: string | null;
  expires_at: Timestamp | null;
  answered_at: Timestamp | null;
  answer_reason: string | null;
  approved_by: string | null;
  created_at: Timestamp;
  /** 0032: the plan was made with fraud found (by itself or earlier on the case). */
  fraud_found: Generated<boolean>;
}

export interface ExecutionTasksTable {
  id: Generated<string>;
  case_id: string;
  offer_id: string | null;
  type: string;
  /** A plan step's own name; null for tasks named by their type. */
  title: string | null;
  owner_role: string;
  due_at: Timestamp | null;
  verification: string;
  status: string;
  proof: Json | null;
  done_at: Timestamp | null;
  done_by: string | null;
  created_at: Timestamp;
}

export interface RefundsTable {
  id: Generated<string>;
  case_id: string;
  task_id: string | null;
  amount_fen: Money;
  currency: Generated<string>;
  status: string;
  provider: string;
  provider_ref: string | null;
  failure_reason: string | null;
  requested_by: string | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface LedgerEntriesTable {
  id: Generated<string>;
  case_id: string;
  entry_type: string;
  amount_fen: Money;
  currency: Generated<string>;
  borne_by: string;
  paid_to: string;
  responsibility: string | null;
  reason: string;
  status: string;
  offer_id: string | null;
  refund_id: string | null;
  created_at: Timestamp;
  instrument: Generated<string>;
  points: number | null;
}

export interface DB {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  merchants: MerchantsTable;
  products: ProductsTable;
  product_categories: ProductCategoriesTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  payments: PaymentsTable;
  cases: CasesTable;
  case_items: CaseItemsTable;
  case_events: CaseEventsTable;
  case_links: CaseLinksTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  idempotency_keys: IdempotencyKeysTable;
  policy_versions: PolicyVersionsTable;
  shipments: ShipmentsTable;
  shipment_events: ShipmentEventsTable;
  offers: OffersTable;
  execution_tasks: ExecutionTasksTable;
  refunds: RefundsTable;
  ledger_entries: LedgerEntriesTable;
  business_calendars: BusinessCalendarsTable;
  sla_targets: SlaTargetsTable;
  case_deadlines: CaseDeadlinesTable;
  notifications: NotificationsTable;
  collaboration_requests: CollaborationRequestsTable;
  queues: QueuesTable;
  agent_profiles: AgentProfilesTable;
  routing_rules: RoutingRulesTable;
  kb_articles: KbArticlesTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_deflections: KbDeflectionsTable;
  order_events: OrderEventsTable;
  incidents: IncidentsTable;
  incident_cases: IncidentCasesTable;
  incident_settings: IncidentSettingsTable;
  reply_templates: ReplyTemplatesTable;
  audit_log: AuditLogTable;
  case_presence: CasePresenceTable;
  saved_views: SavedViewsTable;
  email_outbox: EmailOutboxTable;
  sign_ins: SignInsTable;
  sign_in_failures: SignInFailuresTable;
  audit_pending: AuditPendingTable;
  audit_seals: AuditSealsTable;
}

export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = Insertable<CasesTable>;
export type OrderRow = Selectable<OrdersTable>;
export type ProductRow = Selectable<ProductsTable>;
export type OfferRow = Selectable<OffersTable>;
