// Customer e-mail over real SMTP (a local SMTP server in the test): a platform reply to a customer
// with an address is e-mailed once, in the customer's language, with a link to the case; notes,
// the customer's own messages and customers without an address send nothing; a refused delivery
// is retried with backoff and given up after the last try.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../src/modules/email/email.mailer.ts';
import { smtpTransport } from '../../src/modules/email/email.transport.ts';
import { makeShop, type Shop, startTestApp, type TestApp, fileCase } from '../helpers/harness.ts';

interface Received {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

const inbox: Received[] = [];
/** Addresses the server refuses, with how many more times to refuse each (Infinity: always). */
const refuse = new Map<string, number>();
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onRcptTo(address, _session, callback) {
    const left = refuse.get(address.address) ?? 0;
    if (left > 0) {
      refuse.set(address.address, left - 1);
      return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 450 }));
    }
    return callback();
  },
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
        inbox.push({ to: to?.value[0]?.address ?? '', subject: mail.subject ?? '', text: mail.text ?? '', messageId: mail.messageId ?? '' });
        callback();
      })
      .catch(callback);
  },
});

let t: TestApp;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  t = await startTestApp('2026-11-12T09:00:00+08:00', {}, { mail: smtpTransport(`smtp://127.0.0.1:${port}`, 'Afterdesk <no-reply@afterdesk.test>') });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function withEmail(shop: Shop, email: string | null, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const res = await shop.admin.put(`/api/v1/integration/customers/c-${shop.id}`, { name: '张三', phone: '13800138000', tier: 'gold', locale, ...(email ? { email } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const fileComplaint = (shop: Shop) => fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机左耳没有声音' });

const send = () => t.runtime.deps.mailer.runDue();
const outbox = (caseNo: string) =>
  t.runtime.deps.database.db
    .selectFrom('email_outbox as o')
    .innerJoin('cases as c', 'c.id', 'o.case_id')
    .select(['o.status', 'o.attempts', 'o.last_error', 'o.to_address'])
    .where('c.case_no', '=', caseNo)
    .execute();

describe('customer e-mail', () => {
  it('e-mails a platform reply once, in Chinese, with a link to the case; notes and the customer’s own words stay off e-mail', async () => {
    const shop = await makeShop(t);
    await withEmail(shop, 'zhang.san@example.com');
    const caseNo = await fileComplaint(shop);
    expect((await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '请尽快处理' })).status).toBe(201);
    expect((await shop.agent.post(`/api/v1/cases/${caseNo}/messages`, { body: '内部：先核实批次', visibility: 'internal' })).status).toBe(201);
    expect((await shop.agent.action(caseNo, 'acknowledge', { message: '您好，已收到您的申请，我们会在 24 小时内联系您' })).status).toBe(200);

    const before = inbox.length;
    expect(await send()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const mail = inbox.slice(before);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'zhang.san@example.com' });
    expect(mail[0]?.subject).toBe(`【售后单 ${caseNo}】有新的回复 · 无线蓝牙耳机`);
    expect(mail[0]?.text).toContain('您好，已收到您的申请，我们会在 24 小时内联系您');
    expect(mail[0]?.text).toContain(`/cases/${caseNo}`);
    expect(mail[0]?.text).not.toContain('内部：先核实批次');
    // Nothing left to send: a second sweep sends nothing again.
    expect(await send()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(inbox.length).toBe(before + 1);
    expect(await outbox(caseNo)).toEqual([{ status: 'sent', attempts: 1, last_error: null, to_address: 'zhang.san@example.com' }]);
  });

  it('writes in English to an English-speaking customer and not at all to one without an address', async () => {
    const english = await makeShop(t);
    await withEmail(english, 'li.lei@example.com', 'en-US');
    const caseNo = await fileComplaint(english);
    await english.agent.action(caseNo, 'acknowledge', { message: 'We have your request and will reply within 24 hours.' });
    const silent = await makeShop(t);
    const quiet = await fileComplaint(silent);
    await silent.agent.action(quiet, 'acknowledge', { message: '您好，已收到' });
    const before = inbox.length;
    expect((await send()).sent).toBe(1);
    expect(inbox.slice(before)).toEqual([
      expect.objectContaining({ to: 'li.lei@example.com', subject: `[Case ${caseNo}] New reply · 无线蓝牙耳机` }),
    ]);
    expect(inbox.at(-1)?.text).toContain('Follow your case and reply here:');
    expect(await outbox(quiet)).toEqual([]);
  });

  it('retries a refused delivery with backoff and gives up after the last try', async () => {
    const shop = await makeShop(t);
    await withEmail(shop, 'busy@example.com');
    const caseNo = await fileComplaint(shop);
    await shop.agent.action(caseNo, 'acknowledge', { message: '您好，已收到' });
    refuse.set('busy@example.com', 1);
    expect(await send()).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const [waiting] = await outbox(caseNo);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting?.last_error).toMatch(/450|mailbox unavailable/);
    // Not before the backoff: one minute after the first try.
    expect(await send()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.clock.advance(60_000);
    expect(await send()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(inbox.at(-1)?.to).toBe('busy@example.com');

    const gone = await makeShop(t);
    await withEmail(gone, 'gone@example.com');
    const lost = await fileComplaint(gone);
    await gone.agent.action(lost, 'acknowledge', { message: '您好，已收到' });
    refuse.set('gone@example.com', Number.POSITIVE_INFINITY);
    let last = { sent: 0, retrying: 0, failed: 0 };
    for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
      last = await send();
      t.clock.advance(7 * 3_600_000);
    }
    expect(last).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await outbox(lost)).toEqual([expect.objectContaining({ status: 'failed', attempts: MAX_ATTEMPTS })]);
    expect(await send()).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });
});
