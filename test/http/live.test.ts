// Live case pages: a watcher's event stream hears when the case changes (a message, an action)
// and who else has it open or is editing it; others' cases stay closed to the stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, type Shop, startTestApp, type TestApp, fileCase } from '../helpers/harness.ts';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await startTestApp('2026-11-12T09:00:00+08:00');
  await t.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.runtime.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await t.close();
});

interface ServerEvent {
  event: string;
  data: any;
}

/** Opens a case's stream and collects its events; next(name) waits for the next one of that name. */
async function watch(token: string, caseNo: string) {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/cases/${caseNo}/live`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const events: ServerEvent[] = [];
  const waiters: { name: string; from: number; resolve: (e: ServerEvent) => void }[] = [];
  let read = 0;
  const settle = () => {
    for (const w of [...waiters]) {
      const hit = events.slice(w.from).find((e) => e.event === w.name);
      if (hit) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  };
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) });
            end = buffer.indexOf('\n\n');
          }
          settle();
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    response,
    events,
    /** The next event of this name after those already taken. */
    next(name: string): Promise<ServerEvent> {
      return new Promise((resolve) => {
        waiters.push({ name, from: read, resolve: (e) => {
          read = events.indexOf(e) + 1;
          resolve(e);
        } });
        settle();
      });
    },
    close: () => abort.abort(),
  };
}

const fileComplaint = (shop: Shop) => fileCase(shop, { kind: 'complaint', reason: 'quality', description: '耳机左耳没有声音' });

describe('GET /api/v1/cases/:caseNo/live', () => {
  it('tells a watching agent when the customer writes and when the case moves, and who else is editing', async () => {
    const shop = await makeShop(t);
    const caseNo = await fileComplaint(shop);
    const stream = await watch(shop.agent.token as string, caseNo);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await stream.next('presence')).data).toEqual({ others: [] });

    // The supervisor opens the case and starts an answer: the agent is told who and that they edit.
    const present = await shop.supervisor.put(`/api/v1/cases/${caseNo}/presence`, { editing: true });
    expect(present.status).toBe(200);
    expect(present.body.others).toEqual([]);
    const editing = await stream.next('presence');
    expect(editing.data.others).toEqual([{ userId: expect.any(String), displayName: '主管', role: 'supervisor', editing: true, seenAt: '2026-11-12T01:00:00.000Z' }]);

    // A customer message and an action both announce a change.
    expect((await shop.customer.post(`/api/v1/cases/${caseNo}/messages`, { body: '请尽快处理' })).status).toBe(201);
    expect((await stream.next('changed')).data).toEqual({ caseNo });
    expect((await shop.agent.action(caseNo, 'acknowledge', {})).status).toBe(200);
    expect((await stream.next('changed')).data).toEqual({ caseNo });

    // The agent's own presence shows to the supervisor, not to the agent.
    const agentSide = await shop.agent.put(`/api/v1/cases/${caseNo}/presence`, { editing: false });
    expect(agentSide.body.others.map((p: { role: string }) => p.role)).toEqual(['supervisor']);
    expect((await stream.next('presence')).data.others.map((p: { role: string }) => p.role)).toEqual(['supervisor']);

    // Leaving is announced; a page that stopped saying it is open is gone after a minute.
    expect((await shop.supervisor.delete(`/api/v1/cases/${caseNo}/presence`)).status).toBe(204);
    expect((await stream.next('presence')).data).toEqual({ others: [] });
    await shop.supervisor.put(`/api/v1/cases/${caseNo}/presence`, { editing: false });
    t.clock.advance(61_000);
    expect((await shop.agent.put(`/api/v1/cases/${caseNo}/presence`, { editing: false })).body.others).toEqual([]);
    stream.close();
  });

  it('opens the stream only on cases the caller may read', async () => {
    const mine = await makeShop(t);
    const theirs = await makeShop(t);
    const caseNo = await fileComplaint(mine);
    const own = await watch(mine.customer.token as string, caseNo);
    expect(own.response.status).toBe(200);
    // The customer's stream hears changes but not who handles the case.
    await mine.agent.put(`/api/v1/cases/${caseNo}/presence`, { editing: true });
    await mine.agent.action(caseNo, 'acknowledge', {});
    await own.next('changed');
    expect(own.events.filter((e) => e.event === 'presence')).toEqual([]);
    own.close();
    for (const other of [theirs.customer, theirs.merchant]) {
      const refused = await watch(other.token as string, caseNo);
      expect(refused.response.status).toBe(404);
      expect(refused.response.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const anonymous = await fetch(`${baseUrl}/api/v1/cases/${caseNo}/live`);
    expect(anonymous.status).toBe(401);
    // Customers read but do not announce themselves; another merchant cannot reach the case.
    expect((await mine.customer.put(`/api/v1/cases/${caseNo}/presence`, { editing: false })).status).toBe(403);
    expect((await theirs.merchant.put(`/api/v1/cases/${caseNo}/presence`, { editing: true })).status).toBe(404);
    expect((await mine.agent.put(`/api/v1/cases/${caseNo}/presence`, { editing: 'yes' })).status).toBe(400);
  });
});
