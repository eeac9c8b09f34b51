// CL-6: cases nobody can take up again are archived by the system once their reopen window ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveDueCases } from '../../src/modules/cases/case.archive.ts';
import { fileCase, makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

const DAY = 86_400_000;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
});
afterAll(async () => t.close());

async function answeredAndConfirmed(shop: Shop): Promise<string> {
  const caseNo = await fileCase(shop, { kind: 'consultation', reason: 'quality', items: [], description: '怎么连接蓝牙？' });
  await shop.agent.action(caseNo, 'start_investigation', {});
  await shop.agent.action(caseNo, 'propose_plan', { planType: 'answer', responsibility: 'no_fault', terms: {}, basis: '使用说明' });
  await shop.customer.action(caseNo, 'accept_plan', {});
  await shop.agent.action(caseNo, 'notify_result', { message: '长按电源键 5 秒进入配对' });
  expect((await shop.customer.action(caseNo, 'confirm_resolution', {})).body.state).toBe('closed');
  return caseNo;
}

const stateOf = async (shop: Shop, caseNo: string) => (await shop.agent.get(`/api/v1/cases/${caseNo}`)).body;

describe('archiving once the reopen window ends', () => {
  it('archives closed and withdrawn cases after 15 days, as the system, and leaves younger ones', async () => {
    const shop = await makeShop(t);
    const older = await answeredAndConfirmed(shop);
    const changedMind = await makeShop(t);
    const withdrawn = await fileCase(changedMind, { kind: 'return_refund', reason: 'no_reason', description: '不想要了' });
    expect((await changedMind.customer.action(withdrawn, 'withdraw', {})).body.state).toBe('withdrawn');
    t.clock.advance(10 * DAY);
    const younger = await answeredAndConfirmed(await makeShop(t));
    t.clock.advance(6 * DAY);

    const archived = await archiveDueCases(t.runtime.deps);
    expect(archived).toEqual(expect.arrayContaining([older, withdrawn]));
    expect(archived).not.toContain(younger);
    const seen = await stateOf(shop, older);
    expect(seen.state).toBe('archived');
    expect(seen.timeline.at(-1)).toMatchObject({ type: 'case_archived', actorRole: 'system' });
    expect((await stateOf(shop, younger)).state).toBe('closed');
    // Nothing is archived twice.
    expect(await archiveDueCases(t.runtime.deps)).not.toContain(older);
  });
});
