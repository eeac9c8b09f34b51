// The audit trail (RISK-6, CL-6): what is recorded (sign-ins, refusals, case state changes), that
// the database refuses to change or remove it, that the hash chain exposes tampering done behind
// the database's back, and search and export for admins and compliance.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeReport, runVerifyAudit } from '../../src/cli/verify-audit.ts';
import { recordAudit } from '../../src/modules/audit/audit.service.ts';
import { verifyAuditChain } from '../../src/modules/audit/audit.verify.ts';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { fileCase, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => {
  await t.close();
});

const db = () => t.runtime.deps.database.db;
const rows = (where: { action?: string; subjectId?: string; actorUserId?: string }) => {
  let q = db().selectFrom('audit_log').selectAll().orderBy('id');
  if (where.action) q = q.where('action', '=', where.action);
  if (where.subjectId) q = q.where('subject_id', '=', where.subjectId);
  if (where.actorUserId) q = q.where('actor_user_id', '=', where.actorUserId);
  return q.execute();
};

/** Runs a statement with the trail's triggers off, as a database superuser tampering with it would. */
async function asSuperuser(statement: ReturnType<typeof sql>): Promise<void> {
  await db()
    .transaction()
    .execute(async (trx) => {
      await sql`alter table audit_log disable trigger user`.execute(trx);
      await sql`alter table audit_seals disable trigger user`.execute(trx);
      await statement.execute(trx);
      await sql`alter table audit_log enable trigger user`.execute(trx);
      await sql`alter table audit_seals enable trigger user`.execute(trx);
    });
}

const newCase = async (shop: Shop) => {
  const res = await shop.customer.post('/api/v1/cases', {
    kind: 'return_refund',
    reason: 'quality',
    items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
    description: '耳机左耳没有声音',
  });
  expect(res.status).toBe(201);
  return res.body.caseNo as string;
};

describe('what is recorded', () => {
  it('records sign-ins that succeed and fail, with the caller address', async () => {
    const email = `audit-signin-${Date.now()}@test.local`;
    const { userId } = await createUserWithToken(db(), { email, displayName: '审计测试', role: 'agent', password: 'correct horse' });
    const signIn = (password: string) =>
      t.runtime.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, remoteAddress: '203.0.113.7' });
    expect((await signIn('wrong')).statusCode).toBe(401);
    const ok = await signIn('correct horse');
    expect(ok.statusCode).toBe(200);
    const unknown = await t.runtime.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: `nobody-${email}`, password: 'x' }, remoteAddress: '198.51.100.9' });
    expect(unknown.statusCode).toBe(401);

    const mine = (await rows({ action: 'auth.sign_in', subjectId: userId })).map((r) => ({ outcome: r.outcome, actor: r.actor_user_id, ip: r.ip, reason: r.detail.reason }));
    expect(mine).toEqual([
      { outcome: 'failed', actor: null, ip: '203.0.113.7', reason: 'wrong_password' },
      { outcome: 'ok', actor: userId, ip: '203.0.113.7', reason: undefined },
    ]);
    const stranger = (await rows({ action: 'auth.sign_in' })).filter((r) => r.detail.email === `nobody-${email}`);
    expect(stranger).toMatchObject([{ outcome: 'failed', actor_user_id: null, actor_role: 'anonymous', ip: '198.51.100.9', subject_id: null }]);
    expect(JSON.stringify(stranger)).not.toContain('"password"');
  });

  it('records 401 and 403 refusals with who, which route and from where', async () => {
    const shop = await makeShop(t);
    const anonymous = await t.runtime.app.inject({ method: 'GET', url: '/api/v1/audit?limit=1', remoteAddress: '192.0.2.44' });
    expect(anonymous.statusCode).toBe(401);
    const forbidden = await shop.agent.get('/api/v1/audit?limit=1');
    expect(forbidden.status).toBe(403);
    const agentId = (await shop.agent.get('/api/v1/me')).body.userId;

    const denied = (await rows({ action: 'access.denied', subjectId: 'GET /api/v1/audit' })).slice(-2);
    expect(denied).toMatchObject([
      { actor_role: 'anonymous', actor_user_id: null, outcome: 'denied', ip: '192.0.2.44', subject_type: 'route', detail: { status: 401, method: 'GET', path: '/api/v1/audit' } },
      { actor_role: 'agent', actor_user_id: agentId, outcome: 'denied', subject_type: 'route', detail: { status: 403 } },
    ]);
    expect(denied[1]!.request_id).toBe(forbidden.headers['x-request-id']);
  });

  it('records every case state change with the event it belongs to, including cases created in an intake batch', async () => {
    const shops = await Promise.all([makeShop(t), makeShop(t), makeShop(t)]);
    // Filed at once, so the group commit may write them in one batch: each still gets its row.
    const caseNos = await Promise.all(shops.map(newCase));
    for (const caseNo of caseNos) {
      expect(await rows({ action: 'case.state_changed', subjectId: caseNo })).toMatchObject([
        { actor_role: 'customer', outcome: 'ok', subject_type: 'case', detail: { event: 'case_submitted', from: null, to: 'submitted', seq: 1 } },
      ]);
    }
    const shop = shops[0]!;
    const caseNo = caseNos[0]!;
    const withdrawn = await shop.customer.action(caseNo, 'withdraw', { reason: '不需要了' });
    expect(withdrawn.status).toBe(200);
    const changes = await rows({ action: 'case.state_changed', subjectId: caseNo });
    expect(changes).toHaveLength(2);
    expect(changes[1]).toMatchObject({ actor_role: 'customer', detail: { event: 'case_withdrawn', from: 'submitted', to: 'withdrawn', reason: '不需要了' } });
    // The sequence number points at the timeline event.
    const timeline = (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.timeline as { seq: number; type: string }[];
    expect(timeline.find((e) => e.seq === changes[1]!.detail.seq)?.type).toBe('case_withdrawn');
    // A refused command writes nothing.
    const before = (await rows({ subjectId: caseNo })).length;
    expect((await shop.customer.action(caseNo, 'withdraw', { reason: '再撤一次' })).status).toBe(409);
    expect((await rows({ subjectId: caseNo })).length).toBe(before);
  });

  it('records the decisions that change a case without moving its state: money paid, the media flag and the grade it raises', async () => {
    const shop = await makeShop(t);
    const caseNo = await newCase(shop);
    expect((await shop.agent.action(caseNo, 'flag_media', { reason: '电视台记者来电' })).status).toBe(200);
    expect(await rows({ action: 'case.media_flagged', subjectId: caseNo })).toMatchObject([{ actor_role: 'agent', detail: { event: 'media_flagged', reason: '电视台记者来电' } }]);
    expect(await rows({ action: 'case.triage_raised', subjectId: caseNo })).toMatchObject([{ detail: { to: { severity: 'L1' } } }]);
    expect((await shop.compliance.action(caseNo, 'unflag_media', { reason: '核实后无媒体介入' })).status).toBe(200);
    expect(await rows({ action: 'case.media_unflagged', subjectId: caseNo })).toHaveLength(1);

    // A refund paid: the money and the task, by finance.
    const paying = await makeShop(t);
    const refund = await fileCase(paying, { kind: 'refund_only', reason: 'logistics', description: '外箱压坏，杯子碎了' });
    expect((await paying.merchant.action(refund, 'approve_request', {})).status).toBe(200);
    const task = ((await paying.finance.get(`/api/v1/cases/${refund}`)).body.tasks as { id: string; type: string }[]).find((x) => x.type === 'refund')!;
    expect((await paying.finance.action(refund, 'complete_task', { taskId: task.id, proof: {} })).status).toBe(200);
    expect(await rows({ action: 'case.refund_executed', subjectId: refund })).toMatchObject([{ actor_role: 'finance', detail: { taskType: 'refund', amountFen: paying.priceFen } }]);
    // The last task done moves the case on: that is its state change.
    expect((await rows({ action: 'case.state_changed', subjectId: refund })).at(-1)).toMatchObject({ actor_role: 'finance', detail: { event: 'task_completed', to: 'resolved' } });
  });
});

describe('append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on the trail and on its seals', async () => {
    await t.runtime.deps.auditSealer.sealPending();
    expect((await db().selectFrom('audit_seals').select('position').limit(1).execute()).length).toBe(1);
    for (const statement of [
      sql`update audit_log set action = 'nothing.happened'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
      sql`update audit_seals set hash = 'x'`,
      sql`delete from audit_seals`,
      sql`truncate audit_seals`,
    ]) {
      await expect(statement.execute(db())).rejects.toThrow(/append-only/);
    }
  });
});

describe('hash chain', () => {
  it('seals rows in order and verifies; detects a changed row, a deleted row and reordered seals', async () => {
    const shop = await makeShop(t);
    await newCase(shop);
    const clean = await verifyAuditChain(db());
    expect(clean.failure).toBeNull();
    expect(clean.ok).toBe(true);
    const total = Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db())).rows[0]!.n);
    expect(clean.checked).toBe(total);
    expect(clean.head?.position).toBe(total);
    expect(describeReport(clean)).toContain('audit trail intact');

    const victim = (await db().selectFrom('audit_seals').select(['position', 'audit_id']).where('position', '=', Math.ceil(total / 2)).executeTakeFirstOrThrow());
    const original = await db().selectFrom('audit_log').selectAll().where('id', '=', victim.audit_id).executeTakeFirstOrThrow();

    // 1. A changed row.
    await asSuperuser(sql`update audit_log set outcome = case when outcome = 'ok' then 'failed' else 'ok' end where id = ${victim.audit_id}`);
    const changed = await runVerifyAudit(t.runtime.deps.database);
    expect(changed.ok).toBe(false);
    expect(changed.failure).toMatchObject({ kind: 'row_modified', position: victim.position, auditId: victim.audit_id });
    expect(changed.checked).toBe(victim.position - 1);
    expect(describeReport(changed).join('\n')).toMatch(/BROKEN \(row_modified\)/);
    // The search shows that row as broken.
    const listed = await shop.admin.get(`/api/v1/audit?cursor=${victim.audit_id + 1}&limit=2`);
    expect(listed.body.items.map((r: { id: number; seal: string }) => [r.id, r.seal])).toEqual([
      [victim.audit_id, 'broken'],
      [listed.body.items[1].id, 'verified'],
    ]);
    await asSuperuser(sql`update audit_log set outcome = ${original.outcome} where id = ${victim.audit_id}`);
    expect((await verifyAuditChain(db())).ok).toBe(true);

    // 2. A deleted row.
    await asSuperuser(sql`delete from audit_log where id = ${victim.audit_id}`);
    expect((await verifyAuditChain(db())).failure).toMatchObject({ kind: 'row_deleted', position: victim.position, auditId: victim.audit_id });
    await asSuperuser(sql`
      insert into audit_log (id, at, actor_user_id, actor_role, actor_label, action, subject_type, subject_id, outcome, ip, request_id, detail)
      overriding system value
      values (${original.id}, ${original.at}, ${original.actor_user_id}, ${original.actor_role}, ${original.actor_label}, ${original.action},
              ${original.subject_type}, ${original.subject_id}, ${original.outcome}, ${original.ip}, ${original.request_id}, ${JSON.stringify(original.detail)}::jsonb)`);
    await asSuperuser(sql`delete from audit_pending where audit_id = ${original.id}`);
    expect((await verifyAuditChain(db())).ok).toBe(true);

    // 3. Two seals swapped.
    const [a, b] = [victim.position, victim.position + 1];
    const swap = async () => {
      const aside = 1_000_000_000_000;
      await asSuperuser(sql`update audit_seals set position = ${aside} where position = ${a}`);
      await asSuperuser(sql`update audit_seals set position = ${a} where position = ${b}`);
      await asSuperuser(sql`update audit_seals set position = ${b} where position = ${aside}`);
    };
    await swap();
    expect((await verifyAuditChain(db())).failure).toMatchObject({ kind: 'broken_link', position: a });
    await swap();
    expect((await verifyAuditChain(db())).ok).toBe(true);

    // 4. The last seals removed: the rows they covered are left without one.
    const head = (await verifyAuditChain(db())).head!;
    await asSuperuser(sql`delete from audit_seals where position = ${head.position}`);
    expect((await verifyAuditChain(db())).failure).toMatchObject({ kind: 'unsealed_row' });
    // …and a recorded anchor catches even a rewritten tail.
    expect((await verifyAuditChain(db(), { anchor: head })).failure).toMatchObject({ kind: 'missing_seal' });
  });

  it('seals rows committed out of id order at later positions, without blocking writers', async () => {
    const { deps } = t.runtime;
    await deps.auditSealer.sealPending();
    // A transaction that took its id first but commits last.
    const late = await db()
      .transaction()
      .execute(async (trx) => {
        const id = (await sql<{ id: number }>`insert into audit_log (at, actor_role, action) values (now(), 'system', 'test.late') returning id`.execute(trx)).rows[0]!.id;
        // Meanwhile another writer commits and the sealer runs (on PostgreSQL, in parallel).
        if (deps.database.kind === 'postgres') {
          await sql`insert into audit_log (at, actor_role, action) values (now(), 'system', 'test.early')`.execute(db());
          await deps.auditSealer.sealPending({ wait: true });
        }
        return id;
      });
    await deps.auditSealer.sealPending();
    const seals = await db().selectFrom('audit_seals').innerJoin('audit_log', 'audit_log.id', 'audit_seals.audit_id').select(['audit_seals.position', 'audit_log.action', 'audit_log.id']).where('audit_log.action', 'like', 'test.%').orderBy('audit_seals.position').execute();
    const lateSeal = seals.find((s) => s.id === late)!;
    expect(lateSeal).toBeDefined();
    if (deps.database.kind === 'postgres') {
      const early = seals.find((s) => s.action === 'test.early')!;
      expect(early.id).toBeGreaterThan(late);
      expect(early.position).toBeLessThan(lateSeal.position);
    }
  });
});

describe('search and export', () => {
  it('filters by time, actor, action prefix, subject and outcome, pages by cursor, and exports CSV and JSON Lines', async () => {
    const shop = await makeShop(t);
    const me = (await shop.compliance.get('/api/v1/me')).body;
    const base = Date.parse('2026-03-01T00:00:00Z');
    const actor = { userId: me.userId, role: 'compliance' as const, displayName: '合规' };
    await recordAudit(
      db(),
      Array.from({ length: 7 }, (_, i) => ({
        at: new Date(base + i * 3_600_000),
        actor: i === 6 ? null : actor,
        action: i % 2 === 0 ? `search${shop.id}.even` : `search${shop.id}.odd`,
        subjectType: 'thing',
        subjectId: `T-${shop.id}-${i % 3}`,
        outcome: i === 5 ? ('failed' as const) : ('ok' as const),
        ip: '10.0.0.1',
        detail: { n: i, note: i === 4 ? '=HYPERLINK("x")' : `第${i}条` },
      })),
    );
    const q = (params: Record<string, string | number>) => shop.compliance.get(`/api/v1/audit?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`);
    const ns = (res: { body: { items: { detail: { n: number } }[] } }) => res.body.items.map((r) => r.detail.n);

    expect(ns(await q({ action: `search${shop.id}.` }))).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect(ns(await q({ action: `search${shop.id}.odd` }))).toEqual([5, 3, 1]);
    expect(ns(await q({ action: `search${shop.id}.`, outcome: 'failed' }))).toEqual([5]);
    expect(ns(await q({ action: `search${shop.id}.`, actorUserId: me.userId }))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(ns(await q({ action: `search${shop.id}.`, actorRole: 'anonymous' }))).toEqual([6]);
    expect(ns(await q({ subjectType: 'thing', subjectId: `T-${shop.id}-1` }))).toEqual([4, 1]);
    expect(ns(await q({ action: `search${shop.id}.`, from: new Date(base + 2 * 3_600_000).toISOString(), to: new Date(base + 5 * 3_600_000).toISOString() }))).toEqual([4, 3, 2]);
    // The prefix is literal: no wildcards.
    expect(ns(await q({ action: `search${shop.id}%` }))).toEqual([]);

    // Keyset pages: no row twice, none missed, and the last page says so.
    const seen: number[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const page = await q({ action: `search${shop.id}.`, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...ns(page));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect(pages).toBe(3);
    expect((await q({ limit: 0 })).status).toBe(400);
    expect((await q({ from: 'yesterday' })).status).toBe(400);

    const csv = await shop.admin.get(`/api/v1/audit/export?format=csv&action=search${shop.id}.`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="audit-\d{8}T\d{6}\.csv"/);
    const lines = String(csv.body).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actorRole,actorUserId,actorLabel,action,subjectType,subjectId,outcome,ip,requestId,seal,chainPosition,detail');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toContain(`,anonymous,`);
    expect(lines[1]).toContain(`第6条`);
    // Exported rows were sealed first, so each carries its standing on the chain.
    expect(lines.slice(1).every((l) => l.includes(',verified,'))).toBe(true);
    // The detail is one quoted cell, its quotes doubled (formula cells: audit.csv.test.ts).
    expect(lines.find((l) => l.includes('HYPERLINK'))).toContain(`"{""n"":4,""note"":""=HYPERLINK(\\""x\\"")""}"`);

    const jsonl = await shop.compliance.get(`/api/v1/audit/export?format=jsonl&action=search${shop.id}.odd`);
    expect(jsonl.headers['content-type']).toContain('application/x-ndjson');
    const records = String(jsonl.body).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => [r.detail.n, r.outcome, r.seal])).toEqual([
      [5, 'failed', 'verified'],
      [3, 'ok', 'verified'],
      [1, 'ok', 'verified'],
    ]);
    // Reading the trail out is itself on the trail.
    const exports = await rows({ action: 'audit.exported', actorUserId: me.userId });
    expect(exports.at(-1)).toMatchObject({ detail: { format: 'jsonl', filters: { action: `search${shop.id}.odd` } } });
  });
});
