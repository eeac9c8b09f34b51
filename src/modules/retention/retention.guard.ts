// A purged case (CL-6) is a statistics record: it takes no new messages or evidence, so no personal
// data comes back into it after its retention ended.
import type { CaseRow } from '../../db/schema.ts';
import { conflict } from '../../shared/errors.ts';

export function assertNotPurged(row: Pick<CaseRow, 'purged_at' | 'case_no'>): void {
  if (!row.purged_at) return;
  throw conflict(
    'case-purged',
    {
      'zh-CN': '该售后单已过保存期限，个人数据已删除，不能再添加内容',
      'en-US': 'This case passed its retention period and its personal data was deleted: nothing can be added to it',
    },
    { caseNo: row.case_no, purgedAt: row.purged_at.toISOString() },
  );
}
