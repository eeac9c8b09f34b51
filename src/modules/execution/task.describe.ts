// What a task is called and how much money it moves, wherever a person reads of it: the case's
// task list, the notice that a task can start, the warning that it is due. A refund named without
// its amount cannot be checked against the payment provider or told apart from the case's others.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { formatYuan } from '../../shared/money.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';
import { ledgerEntriesSettledBy } from '../resolution/resolution.rules.ts';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });

export const TASK_LABELS: Readonly<Record<string, LocalizedText>> = {
  intercept_parcel: t('拦截在途包裹', 'Stop the parcel on its way'),
  refund: t('退款', 'Refund'),
  shipping_reimbursement: t('退还运费', 'Shipping fee refund'),
  ship_replacement: t('发出换新商品', 'Ship the replacement'),
  repair: t('维修', 'Repair'),
  ship_back_repaired: t('寄回维修好的商品', 'Ship the repaired item back'),
  compensation: t('发放补偿', 'Compensation'),
  answer: t('答复', 'Answer'),
  follow_up: t('跟进处理', 'Follow-up'),
};

/**
 * Tasks that move money back to the customer through the payment provider, each paying one ledger
 * line of its plan (the oldest planned one); other money tasks settle all their lines.
 */
export const PAYMENT_TASKS: ReadonlySet<string> = new Set(['refund', 'shipping_reimbursement']);

interface TaskFacts {
  type: string;
  offer_id: string | null;
  status: string;
}
interface LineFacts {
  entry_type: string;
  offer_id: string | null;
  paid_to: string;
  status: string;
  amount_fen: number;
  created_at: Date;
}

/** The line status that goes with a task's: planned while it is open, paid once done, cancelled with it. */
const LINE_STATUS: Readonly<Record<string, string>> = { open: 'planned', done: 'executed', cancelled: 'cancelled' };

/**
 * The money a task moves to the customer, from its own plan's ledger lines of its kind (the lines
 * it pays or paid); null for a task that moves no money. Pure.
 */
export function taskAmountFen(task: TaskFacts, ledger: readonly LineFacts[]): number | null {
  const kinds = ledgerEntriesSettledBy(task.type);
  if (kinds.length === 0) return null;
  const lines = ledger
    .filter((l) => l.offer_id === task.offer_id && l.paid_to === 'customer' && kinds.includes(l.entry_type) && l.status === LINE_STATUS[task.status])
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  if (lines.length === 0) return null;
  const paid = PAYMENT_TASKS.has(task.type) ? lines.slice(0, 1) : lines;
  return paid.reduce((sum, l) => sum + Number(l.amount_fen), 0);
}

/** "退款 ¥120.00", "Ship the replacement", a plan step by its own name. */
export function taskLabel(task: { type: string; title: string | null }, amountFen: number | null): LocalizedText {
  const name = task.title ? t(task.title, task.title) : (TASK_LABELS[task.type] ?? t(task.type, task.type));
  if (amountFen === null) return name;
  return t(`${name['zh-CN']} ${formatYuan(amountFen)}`, `${name['en-US']} ${formatYuan(amountFen)}`);
}

/** One task of a case with its owner and its label; undefined when there is no such task. */
export async function describeTask(db: Kysely<DB>, taskId: string) {
  const task = await db.selectFrom('execution_tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
  if (!task) return undefined;
  const ledger = await db.selectFrom('ledger_entries').selectAll().where('case_id', '=', task.case_id).execute();
  return { ...task, label: taskLabel(task, taskAmountFen(task, ledger)) };
}
