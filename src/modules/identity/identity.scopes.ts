// What an integration token may do. A token acts as its user (the route's role check still
// applies) and, on top of that, only within its scopes; a person's sign-in has every scope.
// Every route needs one scope (or 'any'): declared in config.scope, or derived here from the
// route's method and first OpenAPI tag.

export const SCOPES = ['cases:read', 'cases:write', 'orders:read', 'orders:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** The scope a route needs; 'any': every valid credential may call it (who am I, health, sign-out). */
export type RouteScope = Scope | 'any';

export const SCOPE_LABELS: Record<Scope, { 'zh-CN': string; 'en-US': string }> = {
  'cases:read': { 'zh-CN': '查看售后单、时效、知识库等', 'en-US': 'Read cases, SLA, help articles and the like' },
  'cases:write': { 'zh-CN': '办理售后单（提交、操作、留言、协作）', 'en-US': 'Work on cases (file, act, message, collaborate)' },
  'orders:read': { 'zh-CN': '查看订单', 'en-US': 'Read orders' },
  'orders:write': { 'zh-CN': '写入商城数据（客户、商家、商品、订单、物流）', 'en-US': 'Write shop data (customers, merchants, products, orders, shipments)' },
  admin: { 'zh-CN': '修改配置（政策、时效、分派、模板、知识库），管理登录与令牌', 'en-US': 'Change configuration (policy, SLA, routing, templates, help articles), manage sign-ins and tokens' },
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Methods that change something: a cookie-authenticated call with one of them needs the CSRF token. */
export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Shop data: the shop system's upserts and the order views. */
const ORDER_TAGS = new Set(['integration', 'orders']);
/** Configuration: reading it is ordinary work, changing it is 'admin'. */
const CONFIGURATION_TAGS = new Set(['policy', 'sla', 'routing', 'kb', 'replies', 'simulation']);
/** Open to every credential. */
const OPEN_TAGS = new Set(['health']);

/**
 * The scope a route needs when it declares none: reads need `<area>:read`, changes need
 * `<area>:write`, or `admin` for configuration. A public page without a tag (the console's files,
 * the OpenAPI document) needs nothing.
 */
export function defaultRouteScope(method: string, tags: readonly string[] | undefined, isPublic: boolean): RouteScope {
  const read = !isUnsafeMethod(method);
  const tag = tags?.[0];
  if (tag === undefined) return isPublic && read ? 'any' : read ? 'cases:read' : 'cases:write';
  if (OPEN_TAGS.has(tag)) return 'any';
  if (ORDER_TAGS.has(tag)) return read ? 'orders:read' : 'orders:write';
  if (CONFIGURATION_TAGS.has(tag) && !read) return 'admin';
  return read ? 'cases:read' : 'cases:write';
}

/** Whether a credential with these scopes ('all' for a sign-in) may call a route needing `needed`. */
export function grants(scopes: readonly string[] | 'all', needed: RouteScope): boolean {
  return needed === 'any' || scopes === 'all' || scopes.includes(needed);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
