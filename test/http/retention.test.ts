// CL-6 retention and legal hold through the API, on the injected clock: an archived case cannot be
// deleted before its retention ends (409 problem+json with the date, audited), a legal hold keeps a
// case whatever its age, and the nightly purge removes the personal data and evidence files of
// what is due while anonymised statistics stay.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ANONYMISED_CUSTOMER_ID } from '../../src/modules/retention/retention.purge.ts';
import { handleEvidencePurge, runRetentionPurge } from '../../src/modules/retention/retention.service.ts';
import { PNG_1x1 } from '../helpers/files.ts';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const ARCHIVED_AT = '2026-11-10T10:00:00+08:00';
const THREE_YEARS_LATER = '2029-11-10T10:00:00+08:00';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(ARCHIVED_AT);
});
afterAll(async () => {
  await t.close();
});

/** A case with messages (one e-mailed to the customer) and a photo, withdrawn by the customer and archived by the agent now. */
async function archivedCase(shop: Shop) {
  const email = await shop.admin.put(`/api/v1/integration/customers/c-${shop.id}`, { name: '张三', phone: '13800138000', tier: 'gold', email: `zhang.${shop.id}@example.com` });
  expect(email.status).toBe(200);
  const created = await shop.customer.post('/api/v1/cases', {
    kind: 'return_refund',
    reason: 'quality',
    items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
    title: '耳机外壳开裂',
    description: '收到的耳机外壳开裂，我的手机号 13800138000，住址上海市浦东新区某路 88 号',
  });
  expect(created.status).toBe(201);
  const caseNo = created.body.caseNo as string;
  expect((await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '补充：右耳没有声音' })).status).toBe(201);
  expect((await shop.agent.action(caseNo, 'acknowledge', { message: '您好，已收到您的申请' })).status).toBe(200);
  const photo = await shop.customer.upload(caseNo, { purpose: 'evidence' }, { name: '开裂.png', bytes: PNG_1x1 });
  expect(photo.status).toBe(201);
  expect((await shop.customer.action(caseNo, 'withdraw', { reason: '不想退了' })).status).toBe(200);
  const archived = await shop.agent.action(caseNo, 'archive', { note: '客户撤销后归档' });
  expect(archived.body.state).toBe('archived');
  const row = await t.runtime.deps.database.db.selectFrom('attachments').select('storage_key').where('id', '=', photo.body.id).executeTakeFirstOrThrow();
  return { caseNo, file: join(t.runtime.deps.config.dataDir, 'evidence', row.storage_key.slice(0, 2), row.storage_key) };
}

async function auditRows(caseNo: string, action: string) {
  return t.runtime.deps.database.db.selectFrom('audit_log').selectAll().where('subject_id', '=', caseNo).where('action', '=', action).execute();
}

async function runNightlyPurge(): Promise<string[]> {
  const { deps } = t.runtime;
  // As pg-boss's cron would: a job on the queue, run by the worker's handler.
  await deps.jobs.send(deps.database.db, 'retention-purge', {});
  const purged: string[] = [];
  await deps.jobs.runPending('retention-purge', async () => void purged.push(...(await runRetentionPurge(deps))));
  return purged;
}

describe('retention and legal hold (CL-6)', () => {
  let shop: Shop;
  let unheld: Awaited<ReturnType<typeof archivedCase>>;
  let held: Awaited<ReturnType<typeof archivedCase>>;

  beforeAll(async () => {
    t.clock.set(ARCHIVED_AT);
    shop = await makeShop(t);
    unheld = await archivedCase(shop);
    const other = await makeShop(t);
    held = await archivedCase(other);
  });

  it('refuses to delete an archived case before 3 years, with the date it may go, and audits the refusal', async () => {
    t.clock.set('2029-11-10T09:59:00+08:00'); // one minute short of three years
    const res = await shop.admin.delete(`/api/v1/cases/${unheld.caseNo}`, { 'accept-language': 'en-US' });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      type: '/problems/retention-not-over',
      field: 'caseNo',
      reason: 'retention_running',
      keepUntil: new Date(THREE_YEARS_LATER).toISOString(),
      retentionStartedAt: new Date(ARCHIVED_AT).toISOString(),
    });
    expect(res.body.detail).toContain('at least 3 years');
    expect(res.body.messages['zh-CN']).toContain('至少保存 3 年');
    const refusals = await auditRows(unheld.caseNo, 'retention.purge_refused');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ outcome: 'denied', actor_role: 'admin' });
    // Nothing was removed.
    const detail = await shop.agent.get(`/api/v1/cases/${unheld.caseNo}`);
    expect(detail.body.purgedAt).toBeNull();
    expect(detail.body.attachments).toHaveLength(1);
    expect(existsSync(unheld.file)).toBe(true);
    expect(detail.body.retention).toMatchObject({ retentionYears: 3, purgeable: false, keepReason: 'retention_running', keepUntil: new Date(THREE_YEARS_LATER).toISOString() });
    // The nightly purge one minute early removes nothing either.
    expect(await runNightlyPurge()).toEqual([]);
  });

  it('refuses to delete an open case, and only admins may delete', async () => {
    const open = await shop.customer.post('/api/v1/cases', { kind: 'consultation', reason: 'quality', description: '请问保修多久？' });
    const res = await shop.admin.delete(`/api/v1/cases/${open.body.caseNo}`);
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('open');
    for (const caller of [shop.agent, shop.supervisor, shop.compliance]) {
      expect((await caller.delete(`/api/v1/cases/${unheld.caseNo}`)).status).toBe(403);
    }
    expect((await shop.admin.delete('/api/v1/cases/AS20990101999999')).status).toBe(404);
  });

  it('lets compliance place a legal hold with a reason, on the timeline and in the audit trail', async () => {
    const other = held.caseNo;
    const staff = await makeShop(t);
    expect((await staff.agent.post(`/api/v1/cases/${other}/legal-hold`, { reason: '诉讼' })).status).toBe(403);
    expect((await staff.compliance.post(`/api/v1/cases/${other}/legal-hold`, { reason: '  ' })).status).toBe(400);
    const placed = await staff.compliance.post(`/api/v1/cases/${other}/legal-hold`, { reason: '客户已起诉，法院调取证据（(2029)沪0115民初123号）' });
    expect(placed.status).toBe(200);
    expect(placed.body.legalHold).toMatchObject({ reason: '客户已起诉，法院调取证据（(2029)沪0115民初123号）' });
    expect(placed.body.retention).toMatchObject({ keepReason: 'legal_hold', purgeable: false });
    const again = await staff.compliance.post(`/api/v1/cases/${other}/legal-hold`, { reason: '重复' });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/legal-hold-unchanged');
    const detail = await staff.agent.get(`/api/v1/cases/${other}`);
    expect(detail.body.timeline.at(-1)).toMatchObject({ type: 'legal_hold_placed', reason: '客户已起诉，法院调取证据（(2029)沪0115民初123号）' });
    expect(detail.body.retention.legalHold).not.toBeNull();
    expect(await auditRows(other, 'case.legal_hold.placed')).toHaveLength(1);
  });

  it('purges what is due on the injected clock and keeps the held case, whatever its age', async () => {
    t.clock.set(THREE_YEARS_LATER);
    const purged = await runNightlyPurge();
    expect(purged).toContain(unheld.caseNo);
    expect(purged).not.toContain(held.caseNo);

    // The held case is whole.
    const kept = await shop.admin.get(`/api/v1/cases/${held.caseNo}`);
    expect(kept.body.purgedAt).toBeNull();
    expect(kept.body.description).toContain('我的手机号 138****8000，住址上海市浦东新区某路 88 号'); // whole, the phone masked for an admin
    expect(existsSync(held.file)).toBe(true);
    const refused = await shop.admin.delete(`/api/v1/cases/${held.caseNo}`);
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('legal_hold');

    // The purged one: personal data and the evidence file are gone, statistics stay.
    const after = await shop.agent.get(`/api/v1/cases/${unheld.caseNo}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      state: 'archived',
      kind: 'return_refund',
      reason: 'quality',
      channel: 'web',
      merchantId: shop.merchantId,
      customerId: ANONYMISED_CUSTOMER_ID,
      orderId: null,
      title: '',
      description: '',
      messages: [],
      attachments: [],
      items: [],
      purgedAt: new Date(THREE_YEARS_LATER).toISOString(),
    });
    expect(after.body.category).toBeTruthy();
    expect(after.body.severity).toBeTruthy();
    expect(JSON.stringify(after.body)).not.toMatch(/13800138000|浦东|右耳|不想退了|开裂/);
    expect(after.body.timeline.at(-1)).toMatchObject({ type: 'case_purged' });
    expect(after.body.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['case_submitted', 'case_withdrawn', 'case_archived']));
    expect(existsSync(unheld.file)).toBe(false);
    // The e-mail queued for the customer (address and text) went with the messages.
    const { db } = t.runtime.deps.database;
    const mail = (caseNo: string) =>
      db.selectFrom('email_outbox as o').innerJoin('cases as c', 'c.id', 'o.case_id').select('o.id').where('c.case_no', '=', caseNo).execute();
    expect(await mail(unheld.caseNo)).toEqual([]);
    expect(await mail(held.caseNo)).toHaveLength(1);
    const summary = after.body.timeline.at(-1).data;
    expect(summary).toMatchObject({ by: 'retention-job', removed: { messages: expect.any(Number), attachments: 1, caseItems: 1 }, productIds: [shop.productId] });
    const audits = await auditRows(unheld.caseNo, 'retention.purged');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_role: 'system', outcome: 'ok' });
    // The customer no longer finds it among their cases; a retried file deletion is harmless.
    const mine = await shop.customer.get('/api/v1/cases');
    expect(mine.body.items.map((c: { caseNo: string }) => c.caseNo)).not.toContain(unheld.caseNo);
    await handleEvidencePurge(t.runtime.deps, { storageKeys: [unheld.file.split('/').at(-1)] });
    // Nothing personal can come back in.
    expect((await shop.admin.post(`/api/v1/cases/${unheld.caseNo}/messages`, { body: '再补充', visibility: 'internal' })).body.type).toBe('/problems/case-purged');
    // A second run has nothing left to do.
    expect(await runNightlyPurge()).toEqual([]);
  });

  it('lets an admin delete a case once its hold is released, and deleting twice changes nothing', async () => {
    const staff = await makeShop(t);
    const released = await staff.compliance.post(`/api/v1/cases/${held.caseNo}/legal-hold/release`, { reason: '诉讼已结案' });
    expect(released.status).toBe(200);
    expect(released.body.legalHold).toBeNull();
    expect(await auditRows(held.caseNo, 'case.legal_hold.released')).toHaveLength(1);
    const deleted = await staff.admin.delete(`/api/v1/cases/${held.caseNo}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ caseNo: held.caseNo, by: 'admin', removed: { attachments: 1 } });
    expect(existsSync(held.file)).toBe(false);
    const again = await staff.admin.delete(`/api/v1/cases/${held.caseNo}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(deleted.body);
    expect(await auditRows(held.caseNo, 'retention.purged')).toHaveLength(1);
    expect((await staff.compliance.post(`/api/v1/cases/${held.caseNo}/legal-hold`, { reason: '晚了' })).status).toBe(409);
  });

  it('never lets the customer see holds or purges on the timeline', async () => {
    t.clock.set(ARCHIVED_AT);
    const fresh = await makeShop(t);
    const c = await archivedCase(fresh);
    await fresh.compliance.post(`/api/v1/cases/${c.caseNo}/legal-hold`, { reason: '监管调查' });
    const seen = await fresh.customer.get(`/api/v1/cases/${c.caseNo}`);
    expect(seen.body.timeline.map((e: { type: string }) => e.type)).not.toContain('legal_hold_placed');
    expect(seen.body.retention).toBeUndefined();
  });

  it('holds an open case too, without answering the customer for the SLA', async () => {
    t.clock.set(ARCHIVED_AT);
    const fresh = await makeShop(t);
    const open = await fresh.customer.post('/api/v1/cases', { kind: 'consultation', reason: 'quality', description: '请问怎么保修' });
    const held = await fresh.compliance.post(`/api/v1/cases/${open.body.caseNo}/legal-hold`, { reason: '证据保全' });
    expect(held.status).toBe(200);
    expect(held.body.retention).toMatchObject({ keepReason: 'open', legalHold: { reason: '证据保全' } });
    const clocks = (await fresh.agent.get(`/api/v1/cases/${open.body.caseNo}`)).body.deadlines as { metric: string; metAt: string | null }[];
    expect(clocks.find((d) => d.metric === 'first_response')?.metAt).toBeNull();
  });
});

describe('the timeline stays append-only', () => {
  it('refuses changes outside a purge, and even a purge can neither delete events nor reshape them', async () => {
    const { db } = t.runtime.deps.database;
    const event = await db.selectFrom('case_events').select(['id', 'case_id']).orderBy('id').executeTakeFirstOrThrow();
    await expect(sql`update case_events set reason = 'rewritten' where id = ${event.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from case_events where id = ${event.id}`.execute(db)).rejects.toThrow(/append-only/);
    const inPurge = (statement: ReturnType<typeof sql>) =>
      db.transaction().execute(async (trx) => {
        await sql`select set_config('afterdesk.purging', 'on', true)`.execute(trx);
        await statement.execute(trx);
      });
    await expect(inPurge(sql`delete from case_events where id = ${event.id}`)).rejects.toThrow(/append-only/);
    await expect(inPurge(sql`update case_events set type = 'case_archived' where id = ${event.id}`)).rejects.toThrow(/append-only/);
    await expect(inPurge(sql`update case_events set occurred_at = now() where id = ${event.id}`)).rejects.toThrow(/append-only/);
  });
});

describe('RETENTION_YEARS', () => {
  it('refuses a setting under 3 years and accepts a longer one', () => {
    expect(() => loadConfig({ RETENTION_YEARS: '2' })).toThrow(/RETENTION_YEARS: must be at least 3/);
    expect(loadConfig({ RETENTION_YEARS: '5' }).retentionYears).toBe(5);
    expect(loadConfig({}).retentionYears).toBe(3);
  });

  it('keeps a case for the longer period when set', async () => {
    const five = await startTestApp(ARCHIVED_AT, { RETENTION_YEARS: '5' });
    try {
      const shop = await makeShop(five);
      const created = await shop.customer.post('/api/v1/cases', { kind: 'consultation', reason: 'quality', description: '咨询' });
      await shop.customer.action(created.body.caseNo, 'withdraw', {});
      await shop.agent.action(created.body.caseNo, 'archive', {});
      five.clock.set('2030-11-10T10:00:00+08:00'); // four years on
      const refused = await shop.admin.delete(`/api/v1/cases/${created.body.caseNo}`);
      expect(refused.status).toBe(409);
      expect(refused.body.keepUntil).toBe(new Date('2031-11-10T10:00:00+08:00').toISOString());
      expect(await runRetentionPurge(five.runtime.deps)).toEqual([]);
      five.clock.set('2031-11-10T10:00:00+08:00');
      expect(await runRetentionPurge(five.runtime.deps)).toEqual([created.body.caseNo]);
    } finally {
      await five.close();
    }
  });

  it('is a nightly pg-boss schedule, China time', async () => {
    expect(await t.runtime.deps.jobs.schedules('retention-purge')).toEqual([{ cron: '30 3 * * *', timezone: 'Asia/Shanghai' }]);
  });
});
