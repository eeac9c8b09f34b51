// RISK-5, a single external voice: once triage (or a later customer message, or a person) marks
// media or a regulator as involved, only PR department users and compliance write to the customer;
// other staff and the merchant keep internal notes, and each refused reply is a 403 problem+json
// with an `access.denied` audit row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { client, type Client, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
let pr: Client;
const toldOf = async (who: Client, caseNo: string) =>
  ((await who.get('/api/v1/notifications?limit=200')).body.items as { type: string; caseNo: string }[]).some((n) => n.type === 'media_flagged' && n.caseNo === caseNo);
let logistics: Client;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
  const { db } = t.runtime.deps.database;
  pr = client(t, (await createUserWithToken(db, { email: 'pr@test.local', displayName: '公关部 周', role: 'department', department: 'pr' })).token);
  logistics = client(t, (await createUserWithToken(db, { email: 'wl@test.local', displayName: '物流部 吴', role: 'department', department: 'logistics' })).token);
});
afterAll(async () => {
  await t.close();
});

async function fileCase(shop: Shop, description: string): Promise<string> {
  const res = await shop.customer.post('/api/v1/cases', { kind: 'complaint', reason: 'quality', items: [{ orderItemId: shop.orderItemId, quantity: 1 }], description });
  expect(res.status).toBe(201);
  return res.body.caseNo as string;
}

async function messageCount(caseNo: string): Promise<number> {
  const row = await t.runtime.deps.database.db
    .selectFrom('messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.case_no', '=', caseNo)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function denials(caseNo: string) {
  return t.runtime.deps.database.db.selectFrom('audit_log').selectAll().where('subject_id', '=', caseNo).where('action', '=', 'access.denied').execute();
}

describe('single external voice (RISK-5)', () => {
  let shop: Shop;
  let caseNo: string;
  beforeAll(async () => {
    shop = await makeShop(t);
    caseNo = await fileCase(shop, '耳机充电时冒烟，记者已经联系我了，市场监管局也已经受理了我的投诉。');
  });

  it('flags the case from triage and shows it to staff and the merchant, not to the customer', async () => {
    const staff = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(staff.body.severity).toBe('L1');
    expect(staff.body.mediaFlag).toMatchObject({ source: 'triage', signals: expect.arrayContaining(['记者']) });
    expect((await shop.merchant.get(`/api/v1/cases/${caseNo}`)).body.mediaFlag).toMatchObject({ source: 'triage' });
    const own = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    expect(own.body.mediaFlag).toBeUndefined();
  });

  it('refuses a customer-visible reply from an agent with problem+json and an audit row; nothing is written', async () => {
    const before = await messageCount(caseNo);
    const res = await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '您好，我们马上处理' }, { 'accept-language': 'en-US' });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: '/problems/single-external-voice', field: 'visibility', caseNo });
    expect(res.body.detail).toContain('only PR and compliance');
    expect(res.body.messages['zh-CN']).toContain('公关组和合规组');
    expect(await messageCount(caseNo)).toBe(before);
    const rows = await denials(caseNo);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_role: 'agent', outcome: 'denied', subject_type: 'case', request_id: res.headers['x-request-id'] });
    expect(rows[0]!.detail).toMatchObject({ reason: 'single_external_voice', route: 'POST /api/v1/cases/:caseNo/messages' });
  });

  it('refuses replies through actions too, but not the action without text', async () => {
    const withText = await shop.agent.action(caseNo, 'acknowledge', { message: '已收到' });
    expect(withText.status).toBe(403);
    expect(withText.body.type).toBe('/problems/single-external-voice');
    expect((await denials(caseNo)).length).toBe(2);
    const silent = await shop.agent.action(caseNo, 'acknowledge', {});
    expect(silent.status).toBe(200);
    expect(silent.body.state).toBe('acknowledged');
    expect((await shop.agent.action(caseNo, 'start_investigation', {})).status).toBe(200);
    const question = await shop.agent.action(caseNo, 'request_evidence', { question: '请提供照片' });
    expect(question.status).toBe(403);
    expect(question.body.field).toBe('message');
    expect((await shop.agent.get(`/api/v1/cases/${caseNo}`)).body.state).toBe('investigating');
  });

  it('refuses supervisors, admins, finance and the merchant; lets them add internal notes where they may', async () => {
    const supervisor = await shop.supervisor.post(`/api/v1/cases/${caseNo}/messages`, { body: '我来回复客户' });
    expect(supervisor.status).toBe(403);
    expect((await shop.admin.post(`/api/v1/cases/${caseNo}/messages`, { body: '管理员回复' })).status).toBe(403);
    expect((await shop.merchant.post(`/api/v1/cases/${caseNo}/messages`, { body: '商家回复' })).status).toBe(403);
    expect((await shop.finance.post(`/api/v1/cases/${caseNo}/messages`, { body: '财务回复' })).status).toBe(403);
    const note = await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '已转公关组，等待统一口径', visibility: 'internal' });
    expect(note.status).toBe(201);
    expect(note.body.visibility).toBe('internal');
  });

  it('lets compliance and PR reply; PR finds the case in its list; other departments stay out', async () => {
    const compliance = await shop.compliance.post(`/api/v1/cases/${caseNo}/messages`, { body: '您好，我们已成立专项小组处理您的问题' });
    expect(compliance.status).toBe(201);
    const list = await pr.get('/api/v1/cases?limit=100');
    expect(list.body.items.map((c: { caseNo: string }) => c.caseNo)).toContain(caseNo);
    expect((await pr.get(`/api/v1/cases/${caseNo}`)).status).toBe(200);
    const reply = await pr.post(`/api/v1/cases/${caseNo}/messages`, { body: '关于您反映的问题，我们的统一回复如下……' });
    expect(reply.status).toBe(201);
    expect(reply.body.visibility).toBe('public');
    expect((await logistics.post(`/api/v1/cases/${caseNo}/messages`, { body: '物流部回复' })).status).toBe(403);
    expect((await logistics.get(`/api/v1/cases/${caseNo}`)).status).toBe(404);
    // The customer still speaks for themselves.
    expect((await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '请尽快给我答复' })).status).toBe(201);
    const seen = await shop.customer.get(`/api/v1/cases/${caseNo}`);
    const bodies = seen.body.messages.map((m: { body: string }) => m.body);
    expect(bodies).toEqual(expect.arrayContaining(['您好，我们已成立专项小组处理您的问题', '关于您反映的问题，我们的统一回复如下……']));
    expect(bodies).not.toContain('已转公关组，等待统一口径');
  });

  it("PR's reply is the customer's answer for the SLA", async () => {
    const other = await makeShop(t);
    const flagged = await fileCase(other, '我已经向市场监管局投诉了，记者也联系了我');
    const clock = async () =>
      ((await other.agent.get(`/api/v1/cases/${flagged}`)).body.deadlines as { metric: string; metAt: string | null }[]).find((d) => d.metric === 'first_response');
    expect((await clock())?.metAt).toBeNull();
    expect((await pr.post(`/api/v1/cases/${flagged}/messages`, { body: '您好，我是平台公关部，我们已关注此事' })).status).toBe(201);
    expect((await clock())?.metAt).not.toBeNull();
  });

  it('tells PR of a case flagged as it was filed', async () => {
    const other = await makeShop(t);
    const flagged = await fileCase(other, '我已经向市场监管局投诉了，记者也联系了我');
    expect(await toldOf(pr, flagged)).toBe(true);
  });

  it('PR sees nothing of cases that are not flagged', async () => {
    const plain = await fileCase(await makeShop(t), '耳机右耳没有声音');
    expect((await pr.get(`/api/v1/cases/${plain}`)).status).toBe(404);
    expect((await pr.post(`/api/v1/cases/${plain}/messages`, { body: '你好' })).status).toBe(404);
  });

  it('flags a case when a later customer message says a regulator is involved', async () => {
    const other = await makeShop(t);
    const plain = await fileCase(other, '耳机右耳没有声音，要求换货');
    expect((await other.agent.get(`/api/v1/cases/${plain}`)).body.mediaFlag).toBeNull();
    expect((await other.agent.post(`/api/v1/cases/${plain}/messages`, { body: '您好，请提供照片' })).status).toBe(201);
    // A threat is not involvement: the agent may still answer.
    expect((await other.customer.post(`/api/v1/cases/${plain}/messages`, { body: '再不处理我就去12315投诉' })).status).toBe(201);
    expect((await other.agent.get(`/api/v1/cases/${plain}`)).body.mediaFlag).toBeNull();
    expect((await other.customer.post(`/api/v1/cases/${plain}/messages`, { body: '我已经投诉到12315了，工作人员说会核实' })).status).toBe(201);
    const flagged = await other.agent.get(`/api/v1/cases/${plain}`);
    expect(flagged.body.mediaFlag).toMatchObject({ source: 'message', signals: ['12315'] });
    expect(flagged.body.timeline.map((e: { type: string }) => e.type)).toContain('media_flagged');
    expect((await other.customer.get(`/api/v1/cases/${plain}`)).body.timeline.map((e: { type: string }) => e.type)).not.toContain('media_flagged');
    expect((await other.agent.post(`/api/v1/cases/${plain}/messages`, { body: '您好' })).status).toBe(403);
    // PR and compliance are told it is theirs to answer now.
    expect(await toldOf(pr, plain)).toBe(true);
    expect(await toldOf(other.compliance, plain)).toBe(true);
    expect(await toldOf(logistics, plain)).toBe(false);
  });

  it("keeps an agent's action note and plan basis from the customer, not the customer's own words", async () => {
    const other = await makeShop(t);
    const flagged = await fileCase(other, '充电器起火，我已经投诉到市场监管局了');
    expect((await other.agent.action(flagged, 'start_investigation', { note: '已请公关组准备统一口径' })).status).toBe(200);
    const plan = { planType: 'partial_refund', responsibility: 'quality_defect', terms: { refundFen: 5000, keepItem: true } };
    expect((await other.agent.action(flagged, 'propose_plan', { ...plan, basis: '质检未完成，先行部分退款' })).status).toBe(200);

    const staffView = (await other.agent.get(`/api/v1/cases/${flagged}`)).body;
    const reasonOf = (view: { timeline: { type: string; reason: string | null }[] }, type: string) => view.timeline.find((e) => e.type === type)?.reason;
    expect(reasonOf(staffView, 'investigation_started')).toBe('已请公关组准备统一口径');
    expect(staffView.offers[0].basis).toBe('质检未完成，先行部分退款');
    const customerView = (await other.customer.get(`/api/v1/cases/${flagged}`)).body;
    expect(customerView.timeline.map((e: { type: string }) => e.type)).toContain('investigation_started');
    expect(reasonOf(customerView, 'investigation_started')).toBeNull();
    // The customer sees the plan and its terms, not the agent's words about it.
    expect(customerView.offers[0]).toMatchObject({ status: 'open', basis: null, terms: expect.objectContaining({ refundFen: 5000 }) });
    expect(JSON.stringify(customerView)).not.toContain('质检未完成');

    // The customer's own words stay theirs.
    expect((await other.customer.action(flagged, 'reject_plan', { reason: '金额太少' })).status).toBe(200);
    const later = (await other.customer.get(`/api/v1/cases/${flagged}`)).body;
    expect(later.offers[0]).toMatchObject({ basis: null, answerReason: '金额太少' });
    expect(reasonOf(later, 'plan_rejected')).toBe('金额太少');

    // Without the flag, the same note reaches the customer.
    const plain = await makeShop(t);
    const ordinary = await fileCase(plain, '充电器外壳有裂纹');
    expect((await plain.agent.action(ordinary, 'start_investigation', { note: '已安排质检复核' })).status).toBe(200);
    expect(reasonOf((await plain.customer.get(`/api/v1/cases/${ordinary}`)).body, 'investigation_started')).toBe('已安排质检复核');
  });

  it('lets staff flag a case by hand and only compliance lift the flag', async () => {
    const other = await makeShop(t);
    const plain = await fileCase(other, '商品有划痕');
    const before = await other.agent.get(`/api/v1/cases/${plain}`);
    expect(before.body.actions.map((a: { action: string }) => a.action)).toContain('flag_media');
    const flagged = await other.agent.action(plain, 'flag_media', { reason: '电视台记者来电询问此事' });
    expect(flagged.status).toBe(200);
    expect(flagged.body.mediaFlag).toMatchObject({ source: 'staff', reason: '电视台记者来电询问此事' });
    // Involvement learnt by phone grades the case as the words would have (TR-2): L1, supervisors, PR and legal asked.
    expect(flagged.body).toMatchObject({ severity: 'L1', queue: 'supervisors' });
    const asked = (await other.supervisor.get(`/api/v1/cases/${plain}`)).body;
    expect(asked.timeline.map((e: { type: string }) => e.type)).toContain('triage_raised');
    expect(asked.triage.reasons.map((r: { rule: string }) => r.rule)).toContain('l1.authority.involved');
    const departments = await t.runtime.deps.database.db.selectFrom('collaboration_requests').select('department').where('case_id', '=', asked.id).execute();
    expect(departments.map((d) => d.department)).toEqual(expect.arrayContaining(['pr', 'legal']));
    // Flagging is internal: it answers nobody, so the first-response clock still runs.
    const clocks = (await other.agent.get(`/api/v1/cases/${plain}`)).body.deadlines as { metric: string; metAt: string | null }[];
    expect(clocks.find((d) => d.metric === 'first_response')?.metAt).toBeNull();
    expect(await toldOf(pr, plain)).toBe(true);
    expect((await other.agent.action(plain, 'flag_media', { reason: '再标一次' })).status).toBe(409);
    expect((await other.agent.post(`/api/v1/cases/${plain}/messages`, { body: '您好' })).status).toBe(403);
    expect((await other.agent.action(plain, 'unflag_media', { reason: '误报' })).status).toBe(403);
    expect((await other.compliance.get(`/api/v1/cases/${plain}`)).body.actions.map((a: { action: string }) => a.action)).toContain('unflag_media');
    const lifted = await other.compliance.action(plain, 'unflag_media', { reason: '记者未报道，经核实无媒体介入' });
    expect(lifted.status).toBe(200);
    expect(lifted.body.mediaFlag).toBeNull();
    expect((await other.agent.post(`/api/v1/cases/${plain}/messages`, { body: '您好，已为您处理' })).status).toBe(201);
    const timeline = (await other.agent.get(`/api/v1/cases/${plain}`)).body.timeline.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['media_flagged', 'media_unflagged']));
  });
});
