// Builds the Fastify application: schemas (zod) on every route, OpenAPI, access control,
// problem+json errors and request ids, security headers, CORS and rate limits (security.ts).
// Modules add their routes through `registerRoutes`.
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.ts';
import { credentialClock, SIGN_IN_COOKIE } from '../modules/identity/index.ts';
import { registerAccessControl } from './access.ts';
import { sendProblem } from './problem.ts';
import { registerRoutes } from './routes.ts';
import { AuthFailureLimiter, registerCors, registerRateLimit, registerSecurityHeaders } from './security.ts';
import { registerRefusalAudit } from '../modules/audit/audit.refusal.ts';
import { registerInputGuard } from './input.guard.ts';

export type App = FastifyInstance;

/** TRUST_PROXY as Fastify takes it (a hop count becomes "trust the nearest n hops"). */
function trustProxyOption(value: boolean | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

export async function buildApp(deps: AppDeps, options: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // JSON bodies up to 1 MiB (a larger one is a 413 problem); evidence uploads are multipart
    // and limited by MAX_UPLOAD_BYTES instead.
    bodyLimit: 1_048_576,
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(Object.assign(new Error('not found'), { statusCode: 404 }), request, reply),
  );
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    // The console counts deadlines down on the server's clock (simulated or not), not the browser's.
    reply.header('x-server-time', String(deps.clock.now().getTime()));
    return payload;
  });
  // Before anything that can answer: every response, errors included, carries the headers,
  // and CORS preflights are answered before access control.
  await registerSecurityHeaders(app, deps.config);
  await registerCors(app, deps.config);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Afterdesk API',
        version: '0.1.0',
        description: 'After-sales service and complaint handling (电商售后服务与客诉处理平台). Errors are application/problem+json.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An integration token (with scopes) or a sign-in token' },
          signInCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: SIGN_IN_COOKIE,
            description: "The console's sign-in; unsafe methods also need the sign-in's CSRF token in X-CSRF-Token",
          },
        },
      },
      security: [{ bearer: [] }, { signInCookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });

  // Failed authentications count per IP before any token lookup (security.ts).
  const authFailures = deps.config.rateLimit.authFailuresPerIp > 0 ? new AuthFailureLimiter(deps.config.rateLimit.authFailuresPerIp) : undefined;
  registerAccessControl(app, {
    db: deps.database.db,
    clock: credentialClock(deps.clock, deps.simulatedClock !== null),
    settings: deps.config.signIn,
    httpsOnly: deps.config.httpsOnly,
    authFailures,
  });
  registerRefusalAudit(app, deps.database.db, deps.clock);
  registerInputGuard(app);
  await registerRateLimit(app, deps.config); // after access control: buckets are keyed by the resolved actor
  await registerRoutes(app, deps);
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  return app;
}
