// Security, privacy and audit: every route in the OpenAPI document is called by every role (and
// by an anonymous caller) with fake but well-formed inputs, and the answer is checked against the
// route's declared access (config.access). A route without a declaration, or a route the app
// serves that the OpenAPI document does not list, fails the first test. Every route also needs a
// scope for integration tokens (config.scope, or derived from method and tag): the scopes follow
// the rules below, and a token without the route's scope is refused while one with it is not.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { declaredRoutes } from '../../src/http/access.matrix.ts';
import { createUserWithToken, type RouteAccess, type RouteScope, SCOPES, type Scope } from '../../src/modules/identity/index.ts';
import { insertIntegrationToken } from '../../src/modules/identity/integration-tokens.ts';
import { ROLES, type Role } from '../../src/shared/vocabulary.ts';
import { makeShop, startTestApp, type TestApp } from '../helpers/harness.ts';

/** Routes the app serves that are deliberately not in the OpenAPI document. */
const NOT_IN_OPENAPI: Record<string, string> = {
  'GET /': 'the web console (static files), not part of the API',
  'GET /*': "the web console's static assets and client-side routes (SPA fallback)",
  'GET /openapi.json': 'the OpenAPI document itself',
};
/** Routes allowed to declare no access: the documentation UI (registered before access control). */
const UNDECLARED_OK = /^\/docs(\/|$)/;

/**
 * Declared roles that the handler itself still answers 403, because a finer permission check in
 * the service narrows the route further. Key: "METHOD /openapi/path"; value: role -> reason.
 */
const SELF_ONLY = 'a non-manager staff member may reach only their own agent profile (the fake userId is someone else)';
const HANDLER_FORBIDS: Record<string, Partial<Record<Role, string>>> = {
  // Managers (admin, supervisor) see and edit any profile; other staff only their own, so the
  // route is open to all staff and the handler answers 403 for another user's id.
  'GET /api/v1/routing/agents/{userId}': { agent: SELF_ONLY, specialist: SELF_ONLY, compliance: SELF_ONLY, finance: SELF_ONLY },
  // Same rule for writing; a non-manager may moreover switch only their own availability.
  'PUT /api/v1/routing/agents/{userId}': { agent: SELF_ONLY, specialist: SELF_ONLY, compliance: SELF_ONLY, finance: SELF_ONLY },
  // A merchant reads only its own merchant's policy versions (the fake merchantId is another one).
  'GET /api/v1/merchants/{merchantId}/policy/versions': { merchant: 'a merchant reads only its own policy history' },
};

/** POST routes that change nothing and so need only a read scope. Key: "METHOD /openapi/path". */
const READ_ONLY_POSTS: Record<string, string> = {
  'POST /api/v1/eligibility': 'previews the policy answer for a request before filing',
  'POST /api/v1/merchants/{merchantId}/policy/check': 'checks a draft policy against the law and the baseline without saving it',
  'POST /api/v1/routing/explain': 'says where a case would be routed, without routing it',
  'POST /api/v1/kb/suggest': 'finds help articles for a description',
};
/** Reads that need 'admin': they show a person's credentials, which a read-only token must not see. */
const ADMIN_READS: Record<string, string> = {
  'GET /api/v1/auth/sign-ins': "lists the person's sign-ins (devices and addresses)",
  'GET /api/v1/auth/tokens': "lists the person's integration tokens",
};
/** Routes every credential may call whatever its scopes ('any'), besides health probes and public pages. */
const ANY_SCOPE: Record<string, string> = {
  'POST /api/v1/auth/sign-in': 'signing in presents no credential',
  'POST /api/v1/auth/sign-out': 'any credential may end its own sign-in',
  'GET /api/v1/me': 'any credential may ask who it acts as',
};

/** The scope rules: reads need a read scope; changes need a write scope or admin, unless listed. */
function scopeProblem(method: string, path: string, tags: string[], scope: RouteScope | undefined): string | null {
  const key = `${method} ${path}`;
  if (scope === undefined) return 'no scope';
  if (scope !== 'any' && !(SCOPES as readonly string[]).includes(scope)) return `unknown scope ${scope}`;
  if (scope === 'any') return key in ANY_SCOPE || tags.includes('health') || tags.length === 0 ? null : "'any' but not listed in ANY_SCOPE";
  const reads = scope.endsWith(':read');
  if (method === 'GET') return reads || (scope === 'admin' && key in ADMIN_READS) ? null : `a read needs a read scope, not ${scope} (or list it in ADMIN_READS)`;
  if (reads && !(method === 'POST' && key in READ_ONLY_POSTS)) return `a change needs a write scope or admin, not ${scope} (or list it in READ_ONLY_POSTS)`;
  return null;
}

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES.filter((r) => r !== 'system')];

/** A syntactically valid value that names nothing, for each path parameter. */
const FAKE_UUID = 'f0000000-0000-4000-8000-00000000dead';
function fakeParam(name: string, schema: { format?: string } | undefined): string {
  if (schema?.format === 'uuid') return FAKE_UUID;
  const byName: Record<string, string> = {
    caseNo: 'AS20990101000001',
    orderNo: 'DD20990101000001',
    incidentNo: 'IN20990101000001',
    key: 'no_such_queue',
    slug: 'no-such-article',
    externalId: 'no-such-external-id',
  };
  return byName[name] ?? 'no-such-thing';
}

function allows(access: RouteAccess, caller: Caller): boolean {
  if (access === 'public') return true;
  if (caller === 'anonymous') return false;
  return access === 'authenticated' || access.includes(caller);
}

interface Operation {
  method: string;
  path: string; // as in OpenAPI: /api/v1/cases/{caseNo}
  url: string; // with fake parameters filled in
  hasBody: boolean;
  tags: string[];
}

let t: TestApp;
const tokens = new Map<Caller, string | null>();
const userIds = new Map<Role, string>();
let operations: Operation[] = [];
const fastifyPath = (openapiPath: string) => openapiPath.replace(/\{([^}]+)\}/g, ':$1');

beforeAll(async () => {
  t = await startTestApp();
  const shop = await makeShop(t);
  const { db } = t.runtime.deps.database;
  const specialist = await createUserWithToken(db, { email: `spec-${shop.id}@test.local`, displayName: '专员', role: 'specialist' });
  const department = await createUserWithToken(db, {
    email: `dept-${shop.id}@test.local`,
    displayName: '物流部',
    role: 'department',
    department: 'logistics',
  });
  tokens.set('anonymous', null);
  tokens.set('customer', shop.customer.token);
  tokens.set('agent', shop.agent.token);
  tokens.set('specialist', specialist.token);
  tokens.set('supervisor', shop.supervisor.token);
  tokens.set('compliance', shop.compliance.token);
  tokens.set('merchant', shop.merchant.token);
  tokens.set('finance', shop.finance.token);
  tokens.set('department', department.token);
  tokens.set('admin', shop.admin.token);
  for (const [role, token] of tokens) {
    if (role === 'anonymous' || !token) continue;
    const me = await t.runtime.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    userIds.set(role, JSON.parse(me.body).userId as string);
  }

  const res = await t.runtime.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = JSON.parse(res.body) as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: { format?: string } }[]; requestBody?: unknown; tags?: string[] }>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const params = new Map((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p.schema]));
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(fakeParam(name, params.get(name))));
      return { method: method.toUpperCase(), path, url, hasBody: op.requestBody !== undefined || method !== 'get', tags: op.tags ?? [] };
    }),
  );
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('authorization matrix', () => {
  test('every route declares its access and every API route is in the OpenAPI document', () => {
    // Fastify adds a HEAD route for each GET on its own; the GET stands for both.
    const routes = declaredRoutes(t.runtime.app).filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(50);

    const undeclared = routes.filter((r) => !r.access && !UNDECLARED_OK.test(r.url)).map((r) => `${r.method} ${r.url}`);
    expect(undeclared, `routes without config.access:\n${undeclared.join('\n')}`).toEqual([]);

    const documented = new Set(operations.map((o) => `${o.method} ${fastifyPath(o.path)}`));
    const undocumented = routes
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !documented.has(key) && !(key in NOT_IN_OPENAPI) && !UNDECLARED_OK.test(key.split(' ')[1] ?? ''));
    expect(undocumented, `routes missing from /openapi.json:\n${undocumented.join('\n')}`).toEqual([]);

    const served = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const phantom = [...documented].filter((key) => !served.has(key));
    expect(phantom, `OpenAPI operations the app does not serve:\n${phantom.join('\n')}`).toEqual([]);

    // Security, privacy and audit routes are part of the walk.
    for (const key of ['GET /api/v1/audit', 'GET /api/v1/audit/export', 'GET /api/v1/customers/{id}', 'POST /api/v1/customers/{id}/reveal']) {
      expect(operations.map((o) => `${o.method} ${o.path}`), key).toContain(key);
    }

    // The exceptions tables name only routes that exist.
    for (const key of Object.keys(NOT_IN_OPENAPI)) expect(served.has(key), key).toBe(true);
    for (const key of Object.keys(HANDLER_FORBIDS)) expect(documented.has(key.replace(/\{([^}]+)\}/g, ':$1')), key).toBe(true);
  });

  test('user management (accounts, roles, deactivation) is declared for admins only', () => {
    const access = new Map(declaredRoutes(t.runtime.app).map((r) => [`${r.method} ${r.url}`, r.access]));
    const userRoutes = [...access.keys()].filter((key) => / \/api\/v1\/users(\/|$)/.test(key) && !key.startsWith('HEAD '));
    expect(userRoutes.sort()).toEqual(['GET /api/v1/users', 'GET /api/v1/users/:id', 'GET /api/v1/users/options', 'PATCH /api/v1/users/:id', 'POST /api/v1/users']);
    for (const key of userRoutes) expect(access.get(key), key).toEqual(['admin']);
  });

  test('every role gets the answer its declaration promises, and no route answers 5xx', async () => {
    const access = new Map(declaredRoutes(t.runtime.app).map((r) => [`${r.method} ${r.url}`, r.access]));
    const violations: string[] = [];
    const handlerForbidden: string[] = [];
    let calls = 0;
    let refusals = 0;
    const deniedRows = async () =>
      Number((await t.runtime.deps.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('outcome', '=', 'denied').executeTakeFirstOrThrow()).n);
    const deniedBefore = await deniedRows();
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      const declared = access.get(`${op.method} ${fastifyPath(op.path)}`);
      if (!declared) continue; // reported by the first test
      for (const caller of CALLERS) {
        const token = tokens.get(caller);
        const res = await t.runtime.app.inject({
          method: op.method as 'GET',
          url: op.url,
          headers: token ? { authorization: `Bearer ${token}` } : {},
          ...(op.hasBody && op.method !== 'GET' ? { payload: {} } : {}),
        });
        calls += 1;
        const status = res.statusCode;
        if (status === 401 || status === 403) refusals += 1;
        const inside = allows(declared, caller);
        const what = `${key} as ${caller} (declared ${JSON.stringify(declared)}) -> ${status}`;
        if (status >= 500) violations.push(`5xx: ${what} ${res.body.slice(0, 200)}`);
        else if (!inside) {
          const expected = caller === 'anonymous' ? 401 : 403;
          if (status !== expected) violations.push(`outside the declaration, expected ${expected}: ${what}`);
        } else if (status === 401) {
          violations.push(`inside the declaration but 401: ${what}`);
        } else if (status === 403) {
          const reason = caller === 'anonymous' ? undefined : HANDLER_FORBIDS[key]?.[caller];
          if (reason) handlerForbidden.push(what);
          else violations.push(`inside the declaration but 403 (fix the declaration or list it in HANDLER_FORBIDS): ${what}`);
        }
      }
    }
    expect(calls).toBe(operations.length * CALLERS.length);
    // Every refusal, from the access hook or from a handler, left one audit row (RISK-6).
    expect(await deniedRows()).toBe(deniedBefore + refusals);
    expect(violations, violations.join('\n')).toEqual([]);
    // Each listed exception still happens; otherwise it is stale and should go.
    const listed = Object.entries(HANDLER_FORBIDS).flatMap(([key, roles]) => Object.keys(roles).map((role) => `${key} as ${role}`));
    const seen = handlerForbidden.map((w) => w.replace(/ \(declared .*$/, ''));
    expect(listed.filter((l) => !seen.includes(l)), 'stale HANDLER_FORBIDS entries').toEqual([]);
  }, 60_000);

  test('every route needs a scope that follows the rules, and the exceptions lists are current', () => {
    const routes = new Map(declaredRoutes(t.runtime.app).map((r) => [`${r.method} ${r.url}`, r]));
    const problems = operations.flatMap((op) => {
      const route = routes.get(`${op.method} ${fastifyPath(op.path)}`);
      const problem = scopeProblem(op.method, op.path, op.tags, route?.scope);
      return problem ? [`${op.method} ${op.path} (scope ${String(route?.scope)}): ${problem}`] : [];
    });
    expect(problems, problems.join('\n')).toEqual([]);
    const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
    for (const key of [...Object.keys(READ_ONLY_POSTS), ...Object.keys(ANY_SCOPE), ...Object.keys(ADMIN_READS)]) expect(documented.has(key), key).toBe(true);
    for (const key of Object.keys(READ_ONLY_POSTS)) {
      const route = routes.get(key.replace(/\{([^}]+)\}/g, ':$1'));
      expect(route?.scope, `${key} is listed as read-only`).toMatch(/:read$/);
    }
    // Integration upserts need orders:write; configuration changes need admin.
    expect(routes.get('PUT /api/v1/integration/orders/:externalId')?.scope).toBe('orders:write');
    expect(routes.get('PUT /api/v1/sla/targets/:id')?.scope).toBe('admin');
    expect(routes.get('POST /api/v1/cases')?.scope).toBe('cases:write');
  });

  test('a token without the route\'s scope is refused (403 insufficient-scope), one with only that scope is let through', async () => {
    const { db } = t.runtime.deps.database;
    const scoped = new Map<string, string>();
    const tokenFor = async (role: Role, scopes: Scope[]): Promise<string> => {
      const key = `${role} ${scopes.join(',')}`;
      const known = scoped.get(key);
      if (known) return known;
      const userId = userIds.get(role);
      if (!userId) throw new Error(`no user for ${role}`);
      const { token } = await insertIntegrationToken(db, { userId, name: key, scopes, expiresAt: null });
      scoped.set(key, token);
      return token;
    };
    const declared = new Map(declaredRoutes(t.runtime.app).map((r) => [`${r.method} ${r.url}`, r]));
    const violations: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const route = declared.get(`${op.method} ${fastifyPath(op.path)}`);
      if (!route?.access || !route.scope) continue; // reported above
      const role: Role = route.access === 'public' || route.access === 'authenticated' ? 'admin' : (route.access[0] as Role);
      const send = async (token: string) => {
        const res = await t.runtime.app.inject({
          method: op.method as 'GET',
          url: op.url,
          headers: { authorization: `Bearer ${token}` },
          ...(op.hasBody && op.method !== 'GET' ? { payload: {} } : {}),
        });
        return { status: res.statusCode, type: (res.headers['content-type'] ?? '').includes('json') ? (JSON.parse(res.body || '{}') as { type?: string }).type : undefined };
      };
      const needed = route.scope;
      const what = `${op.method} ${op.path} as ${role} (scope ${needed})`;
      if (needed !== 'any') {
        const without = await send(await tokenFor(role, SCOPES.filter((s) => s !== needed)));
        if (without.status !== 403 || without.type !== '/problems/insufficient-scope') violations.push(`without its scope: ${what} -> ${without.status} ${without.type}`);
      }
      const only = await send(await tokenFor(role, [needed === 'any' ? 'orders:read' : needed]));
      if (only.status === 401 || only.type === '/problems/insufficient-scope' || only.status >= 500) violations.push(`with only its scope: ${what} -> ${only.status} ${only.type}`);
      checked += 1;
    }
    expect(checked).toBe(operations.length);
    expect(violations, violations.join('\n')).toEqual([]);
  }, 120_000);
});
