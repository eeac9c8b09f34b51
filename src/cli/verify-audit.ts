// verify-audit: seals pending audit rows, walks the whole hash chain and prints what it found.
// Exit code 0 when the trail is intact, 1 at the first break (which it names).
import type { Database } from '../db/database.ts';
import { type ChainAnchor, verifyAuditChain, type VerifyReport } from '../modules/audit/audit.verify.ts';

export async function runVerifyAudit(database: Database, options: { anchor?: ChainAnchor } = {}): Promise<VerifyReport> {
  return verifyAuditChain(database.db, options);
}

/** The report as lines for a terminal. */
export function describeReport(report: VerifyReport): string[] {
  const lines = [
    `sealed now: ${report.sealedNow}`,
    `seals checked: ${report.checked}`,
    report.head ? `chain head: ${report.head.position}:${report.head.hash}` : 'chain head: (no seals yet)',
  ];
  if (report.failure) {
    lines.push(`BROKEN (${report.failure.kind}): ${report.failure.message}`);
  } else {
    lines.push('audit trail intact');
    if (report.head) lines.push(`keep the head outside the database and check it later with: verify-audit --anchor ${report.head.position}:${report.head.hash}`);
  }
  return lines;
}
