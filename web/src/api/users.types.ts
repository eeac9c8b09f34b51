// Shapes of user management (src/modules/identity/users.service.ts) and of collaboration requests
// (src/modules/collaboration/collaboration.queries.ts presentRequest).
import type { LocalizedText } from '../i18n/index.ts';
import type { Role } from './types.ts';

/** Roles an admin gives out (the server's MANAGED_ROLES). */
export const MANAGED_ROLES = ['agent', 'specialist', 'supervisor', 'compliance', 'finance', 'admin', 'department', 'merchant'] as const;
export type ManagedRole = (typeof MANAGED_ROLES)[number];
export const DEPARTMENTS = ['supply_chain', 'logistics', 'finance', 'legal', 'pr', 'compliance'] as const;
export type Department = (typeof DEPARTMENTS)[number];
export const LOCALES = ['zh-CN', 'en-US'] as const;

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  department: Department | null;
  departmentLabel: LocalizedText | null;
  merchant: { id: string; name: string } | null;
  customerId: string | null;
  locale: string;
  active: boolean;
  deactivatedAt: string | null;
  /** Open cases still assigned to the user. */
  openCases: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserOptions {
  roles: ManagedRole[];
  departments: { key: Department; label: LocalizedText }[];
  merchants: { id: string; name: string; platformOperated: boolean }[];
}

export interface NewUser {
  email: string;
  displayName: string;
  role: ManagedRole;
  password: string;
  department?: Department | undefined;
  merchantId?: string | undefined;
  locale?: string | undefined;
}

export type UserChange = Partial<{
  displayName: string;
  role: ManagedRole;
  department: Department | null;
  merchantId: string | null;
  locale: string;
  active: boolean;
}>;

export interface CollaborationRequest {
  id: string;
  caseId: string;
  caseNo: string;
  caseState: string;
  department: Department;
  departmentLabel: LocalizedText;
  question: string;
  askedBy: { userId: string | null; role: string; displayName: string | null };
  askedAt: string;
  dueMinutes: number | null;
  dueAt: string;
  status: 'open' | 'answered' | 'cancelled';
  answer: string | null;
  answeredBy: { userId: string | null; displayName: string | null } | null;
  answeredAt: string | null;
  cancelledAt: string | null;
  /** Unanswered past its due time. */
  late: boolean;
  remainingMs: number | null;
  paused: boolean;
}

/** Who may ask a department (the server's ASKERS) and who may answer for any department. */
export const ASKER_ROLES: readonly Role[] = ['agent', 'specialist', 'supervisor', 'admin'];
export const MANAGER_ROLES: readonly Role[] = ['supervisor', 'admin'];
