import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvLine, type AuditRecord } from './audit.queries.ts';

const record = (over: Partial<AuditRecord> = {}): AuditRecord => ({
  id: 7,
  at: '2026-11-10T02:00:00.000Z',
  actor: { userId: null, role: 'anonymous', label: null },
  action: 'auth.sign_in',
  subjectType: 'user',
  subjectId: 'u-1',
  outcome: 'failed',
  ip: '203.0.113.7',
  requestId: 'r-1',
  detail: { email: 'a@b.c' },
  seal: 'verified',
  chainPosition: 3,
  ...over,
});

describe('audit CSV', () => {
  it('writes one line per row in the header order, empty cells for nulls', () => {
    expect(CSV_HEADER.trimEnd().split(',')).toHaveLength(14);
    expect(csvLine(record())).toBe('7,2026-11-10T02:00:00.000Z,anonymous,,,auth.sign_in,user,u-1,failed,203.0.113.7,r-1,verified,3,"{""email"":""a@b.c""}"\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, and quotes separators and line breaks', () => {
    const line = csvLine(record({ subjectId: '=cmd|"/C calc"!A0', actor: { userId: null, role: 'anonymous', label: '+1,2\n3' }, requestId: '@SUM(A1)' }));
    expect(line).toContain(`"'=cmd|""/C calc""!A0"`);
    expect(line).toContain(`"'+1,2\n3"`);
    expect(line).toContain(`"'@SUM(A1)"`);
    expect(line).not.toMatch(/(^|,)[=+@-]/);
  });
});
