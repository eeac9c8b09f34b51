// Live case pages: a server-sent event stream per case ("changed" when its timeline or
// conversation moves, "presence" when someone opens, edits or leaves it) and the presence beacon.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import type { AppDeps } from '../../http/deps.ts';
import { type Role, STAFF_ROLES } from '../../shared/vocabulary.ts';
import { assertCanReadCase } from '../cases/case.access.ts';
import { findCaseByNo } from '../cases/case.repository.ts';
import { caseNoParams } from '../cases/case.schemas.ts';
import type { Actor } from '../identity/index.ts';
import { markGone, markPresent, othersPresent } from './live.presence.ts';

/** Who announce their presence: everyone who handles cases (customers only read). */
const HANDLERS: readonly Role[] = [...STAFF_ROLES, 'merchant', 'department'];
/** Keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 25_000;

export async function liveRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const readableCase = async (actor: Actor, caseNo: string) => assertCanReadCase(db, actor, await findCaseByNo(db, caseNo));

  app.get(
    '/api/v1/cases/:caseNo/live',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['cases'],
        summary: 'Server-sent events for one case: `changed` when it moves, `presence` with who else has it open',
        description: 'text/event-stream. Each `presence` event carries the others who have the case open and whether they are editing it.',
        params: caseNoParams,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await readableCase(actor, request.params.caseNo);
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (event: string, data: unknown) => out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      // Who handles the case is for its handlers; a customer's stream only hears that it changed.
      const sendPresence = async () => {
        if (actor.role !== 'customer') send('presence', { others: await othersPresent(db, row.id, actor, deps.clock.now()) });
      };
      out.write('retry: 5000\n\n');
      let closed = false;
      const unsubscribe = await deps.live.subscribe(row.id, (signal) => {
        if (closed) return;
        if (signal === 'changed') send('changed', { caseNo: row.case_no });
        else sendPresence().catch(() => undefined);
      });
      const keepAlive = setInterval(() => out.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      keepAlive.unref();
      const end = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepAlive);
        unsubscribe();
      };
      request.raw.on('close', end);
      out.on('close', end);
      await sendPresence();
    },
  );

  app.put(
    '/api/v1/cases/:caseNo/presence',
    {
      config: { access: HANDLERS },
      schema: {
        tags: ['cases'],
        summary: 'Say the caller has the case open (every 20 s while it is), and whether they are editing it',
        params: caseNoParams,
        body: z.object({ editing: z.boolean() }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await readableCase(actor, request.params.caseNo);
      const now = deps.clock.now();
      await markPresent(db, row.id, actor, request.body.editing, now);
      return { others: await othersPresent(db, row.id, actor, now) };
    },
  );

  app.delete(
    '/api/v1/cases/:caseNo/presence',
    {
      config: { access: HANDLERS },
      schema: { tags: ['cases'], summary: 'Say the caller has left the case', params: caseNoParams },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await readableCase(actor, request.params.caseNo);
      await markGone(db, row.id, actor);
      return reply.code(204).send();
    },
  );
}
