// The demo's sign-in accounts (documented in README): one per staff role, one per collaborating
// department, one per merchant and a few customers who have cases in progress. All share the
// password `demo1234`.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createUserWithToken } from '../../modules/identity/index.ts';
import { upsertProfile } from '../../modules/routing/routing.repository.ts';
import type { Department, Role } from '../../shared/vocabulary.ts';
import { DEMO_MERCHANTS } from './catalog.ts';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_EMAIL_DOMAIN = 'afterdesk.demo';
/** How many demo customers get a sign-in account (customer1 … customerN). */
export const DEMO_CUSTOMER_ACCOUNTS = 5;

export interface DemoAccount {
  email: string;
  password: string;
  role: Exclude<Role, 'system'>;
  displayName: string;
  /** For merchant staff: the merchant's name; for customers: what they can try. */
  note: string;
}

type StaffRole = 'admin' | 'agent' | 'specialist' | 'supervisor' | 'compliance' | 'finance';

export const STAFF: readonly { local: StaffRole; displayName: string; note: string }[] = [
  { local: 'admin', displayName: '系统管理员 陈静', note: '管理员：政策、集成与全部售后单' },
  { local: 'agent', displayName: '一线客服 王小雨', note: '一线客服：受理、核实、提出方案、告知结果' },
  { local: 'specialist', displayName: '售后专员 李浩然', note: '售后专员：复杂售后、收货质检、补发维修' },
  { local: 'supervisor', displayName: '售后主管 张建华', note: '售后主管：审批超额补偿方案、升级合规' },
  { local: 'compliance', displayName: '合规专员 刘慧敏', note: '合规：三次被拒方案的合规评估' },
  { local: 'finance', displayName: '财务专员 周晓燕', note: '财务：执行退款与补偿' },
];

/** One user per collaborating department (ORG-2); finance@ and compliance@ are staff roles already. */
export const DEPARTMENT_STAFF: readonly { local: string; department: Department; displayName: string; note: string }[] = [
  { local: 'supplychain', department: 'supply_chain', displayName: '供应链质检 孙立', note: '供应链/质检部门：批次、生产与质检记录' },
  { local: 'logistics', department: 'logistics', displayName: '物流组 赵磊', note: '物流部门：运单、签收与破损核实' },
  { local: 'deptfinance', department: 'finance', displayName: '财务部 吴倩', note: '财务部门：付款与退款路径核实' },
  { local: 'legal', department: 'legal', displayName: '法务 钱文博', note: '法务部门：12315、诉讼与赔偿风险' },
  { local: 'pr', department: 'pr', displayName: '公关 郑雨桐', note: '公关部门：舆情与对外回应口径' },
  { local: 'deptcompliance', department: 'compliance', displayName: '合规部 冯嘉', note: '合规部门：个人信息与监管事项' },
];

function email(local: string, namespace: string | undefined): string {
  return namespace ? `${local}+${namespace}@${DEMO_EMAIL_DOMAIN}` : `${local}@${DEMO_EMAIL_DOMAIN}`;
}

export function demoAccounts(namespace?: string): DemoAccount[] {
  return [
    ...STAFF.map((s) => ({ email: email(s.local, namespace), password: DEMO_PASSWORD, role: s.local, displayName: s.displayName, note: s.note })),
    ...DEPARTMENT_STAFF.map((d) => ({
      email: email(d.local, namespace),
      password: DEMO_PASSWORD,
      role: 'department' as const,
      displayName: d.displayName,
      note: d.note,
    })),
    ...DEMO_MERCHANTS.map((m) => ({
      email: email(`merchant${m.no}`, namespace),
      password: DEMO_PASSWORD,
      role: 'merchant' as const,
      displayName: `${m.name} 客服`,
      note: m.platformOperated ? `${m.name}（平台自营）` : m.name,
    })),
    ...Array.from({ length: DEMO_CUSTOMER_ACCOUNTS }, (_, i) => ({
      email: email(`customer${i + 1}`, namespace),
      password: DEMO_PASSWORD,
      role: 'customer' as const,
      displayName: `演示客户 ${i + 1}`,
      note: '客户：有待确认的方案、待寄回的商品或待确认的结果',
    })),
  ];
}

/** The accounts of a default demo (`afterdesk seed-demo`), for the README. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = demoAccounts();

export type StaffTokens = Record<StaffRole, string>;

/** Creates the staff accounts; returns their API tokens for driving the demo. */
export async function createStaffAccounts(db: Kysely<DB>, namespace: string | undefined): Promise<StaffTokens> {
  const staff: Partial<StaffTokens> = {};
  for (const s of STAFF) {
    const { token } = await createUserWithToken(db, { email: email(s.local, namespace), displayName: s.displayName, role: s.local, password: DEMO_PASSWORD });
    staff[s.local] = token;
  }
  const complete = (tokens: Partial<StaffTokens>): tokens is StaffTokens => STAFF.every((s) => typeof tokens[s.local] === 'string');
  if (!complete(staff)) throw new Error('demo seed: a staff account is missing');
  return staff;
}

/**
 * The handlers' routing profiles (TR-4): written once the demo's history is loaded, so its cases
 * keep the queues they were routed to, and the cases filed from then on are assigned to them.
 */
export async function createStaffProfiles(db: Kysely<DB>, namespace: string | undefined, now: Date): Promise<void> {
  for (const s of STAFF.filter((x) => ROUTED_ROLES.has(x.local))) {
    const user = await db.selectFrom('users').select('id').where('email', '=', email(s.local, namespace)).executeTakeFirstOrThrow();
    await upsertProfile(
      db,
      {
        userId: user.id,
        skills: { categories: [], kinds: [], languages: ['zh-CN', 'en-US'], productCategories: [] },
        cap: 50,
        available: true,
        senior: s.local !== 'agent',
      },
      null,
      now,
    );
  }
}

const ROUTED_ROLES: ReadonlySet<StaffRole> = new Set(['agent', 'specialist', 'supervisor', 'compliance']);

/** One account per collaborating department (logistics@…); returns their API tokens by department. */
export async function createDepartmentAccounts(db: Kysely<DB>, namespace: string | undefined): Promise<Map<Department, string>> {
  const tokens = new Map<Department, string>();
  for (const d of DEPARTMENT_STAFF) {
    const { token } = await createUserWithToken(db, {
      email: email(d.local, namespace),
      displayName: d.displayName,
      role: 'department',
      department: d.department,
      password: DEMO_PASSWORD,
    });
    tokens.set(d.department, token);
  }
  return tokens;
}

/** One staff account per merchant (merchant1@…); returns their API tokens by merchant number. */
export async function createMerchantAccounts(
  db: Kysely<DB>,
  namespace: string | undefined,
  merchantIds: Map<number, string>,
): Promise<Map<number, string>> {
  const merchants = new Map<number, string>();
  for (const m of DEMO_MERCHANTS) {
    const merchantId = merchantIds.get(m.no);
    if (!merchantId) throw new Error(`demo seed: merchant ${m.no} was not created`);
    const { token } = await createUserWithToken(db, {
      email: email(`merchant${m.no}`, namespace),
      displayName: `${m.name} 客服`,
      role: 'merchant',
      merchantId,
      password: DEMO_PASSWORD,
    });
    merchants.set(m.no, token);
  }
  return merchants;
}

/**
 * A customer's account: the first few demo customers sign in with a password, the others get an
 * API token only (the seed acts for them; they cannot sign in).
 */
export async function createCustomerAccount(
  db: Kysely<DB>,
  namespace: string | undefined,
  customer: { index: number; id: string; name: string; externalId: string },
): Promise<string> {
  const withPassword = customer.index <= DEMO_CUSTOMER_ACCOUNTS;
  const { token } = await createUserWithToken(db, {
    email: withPassword ? email(`customer${customer.index}`, namespace) : `${customer.externalId}@buyers.${DEMO_EMAIL_DOMAIN}`,
    displayName: customer.name,
    role: 'customer',
    customerId: customer.id,
    ...(withPassword ? { password: DEMO_PASSWORD } : {}),
  });
  return token;
}
