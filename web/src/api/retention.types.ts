// Retention, legal hold and the single external voice as the API returns them (CL-6, RISK-5).

/** Media or a regulator is involved: only PR and compliance write to the customer. Not sent to customers. */
export interface MediaFlag {
  flaggedAt: string;
  source: 'triage' | 'message' | 'staff';
  signals: string[];
  reason: string | null;
}

/** Staff only: how long the case is kept and why. */
export interface Retention {
  retentionYears: number;
  startedAt: string | null;
  keepUntil: string | null;
  purgeable: boolean;
  keepReason: 'already_purged' | 'open' | 'legal_hold' | 'not_archived' | 'retention_running' | null;
  legalHold: { placedAt: string; reason: string | null; placedBy: string | null } | null;
  purgedAt: string | null;
}
