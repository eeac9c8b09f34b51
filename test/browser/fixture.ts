// The real product, in-process, listening on a free port with the built console, plus people
// who can sign in with a password. Used by the browser tests (and handy for screenshots).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { registerConsole } from '../../src/http/static.ts';
import { createUserWithToken } from '../../src/modules/identity/index.ts';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

export const PASSWORD = 'console-test-pass-1';

export interface ConsoleApp {
  t: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The runtime's own app is already `ready` (no routes can be added), so the console is served by
 * a second app over the same dependencies — with the console plugin, unless src/http/routes.ts
 * already registers it.
 */
export async function startConsoleApp(start?: string): Promise<ConsoleApp> {
  const t = await startTestApp(start);
  const app: FastifyInstance = await buildApp(t.runtime.deps);
  if (!app.hasRoute({ method: 'GET', url: '/*' })) await registerConsole(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

export interface People {
  shop: Shop;
  customerEmail: string;
  agentEmail: string;
}

/** A shop (merchant, products, a delivered order) with a customer and an agent who sign in. */
export async function makePeople(t: TestApp, options: Parameters<typeof makeShop>[1] = {}): Promise<People> {
  const shop = await makeShop(t, options);
  const { db } = t.runtime.deps.database;
  const customerEmail = `buyer-${shop.id}@test.local`;
  const agentEmail = `desk-${shop.id}@test.local`;
  await createUserWithToken(db, { email: customerEmail, displayName: '李小姐', role: 'customer', customerId: shop.customerId, password: PASSWORD });
  await createUserWithToken(db, { email: agentEmail, displayName: '客服小周', role: 'agent', password: PASSWORD });
  return { shop, customerEmail, agentEmail };
}
