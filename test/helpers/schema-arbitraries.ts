// fast-check arbitraries built from the JSON Schemas of /openapi.json: values that roughly fit a
// schema, and values that break it on purpose (wrong types, nulls, huge strings, odd unicode,
// NUL characters, extreme numbers, deep nesting, unknown keys).
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
}

const ODD_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u200b\u200e\u202e', // zero-width, left-to-right and right-to-left overrides
  '👩‍👩‍👧‍👦🀄️',
  'ｆｕｌｌ　ｗｉｄｔｈ',
  '\ud800', // a lone surrogate
  "' OR '1'='1",
  "'; drop table cases; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%2e%2e%2f',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'null',
  '-1',
  '1e309',
  'true',
];

const ODD_NUMBERS = [-1, 0, -0, 1.5, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, 1e-320];

/** A string that breaks a string schema: odd text, huge text, or any unicode. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ODD_TEXT),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: 1, max: 6 }).map((n) => '长'.repeat(10 ** n / 2)),
);

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** A value that breaks the schema: another type, null, an extreme, or nonsense. */
export function hostile(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  const wrongType: fc.Arbitrary<unknown>[] = [];
  if (type !== 'string') wrongType.push(hostileString);
  if (type !== 'number' && type !== 'integer') wrongType.push(fc.constantFrom(...ODD_NUMBERS), fc.integer());
  if (type !== 'boolean') wrongType.push(fc.boolean());
  if (type !== 'object') wrongType.push(fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }));
  if (type !== 'array') wrongType.push(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }));
  return fc.oneof(
    fc.constant(null),
    ...wrongType,
    type === 'string' ? hostileString : fc.constantFrom(...ODD_NUMBERS),
    fc.constant(deepArray(300)),
    fc.jsonValue({ maxDepth: 2 }),
  );
}

/** A value that roughly fits the schema (valid types and enums; lengths and ranges loosely). */
export function plausible(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 1 });
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((s) => plausible(s, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0) return plausible(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid({ version: 4 });
      if (schema.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'email') return fc.emailAddress();
    {
      const normal = fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 30, 30)) });
      // Text that fits the schema's length yet is odd: NUL, overrides, emoji, SQL and markup.
      const odd = ODD_TEXT.filter((text) => text.length >= (schema.minLength ?? 0) && text.length <= (schema.maxLength ?? Infinity));
      return odd.length > 0 ? fc.oneof(normal, fc.constantFrom(...odd)) : normal;
    }
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1_000, -1_000_000), max: Math.min(schema.maximum ?? 1_000_000, 1_000_000) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(plausible(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object': {
      const properties = schema.properties ?? {};
      const keys = Object.keys(properties);
      if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      return fc.record(Object.fromEntries(keys.map((k) => [k, plausible(properties[k], depth + 1)])), { requiredKeys: (schema.required ?? []).filter((k) => keys.includes(k)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mostly fitting, with some properties replaced by hostile values and maybe an unknown key. */
export function mutated(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const properties = schema?.properties;
  if (!properties || Object.keys(properties).length === 0 || depth > 3) return fc.oneof(plausible(schema), hostile(schema));
  const entries = Object.entries(properties).map(([k, s]) => [k, fc.oneof({ weight: 2, arbitrary: plausible(s, depth + 1) }, { weight: 1, arbitrary: hostile(s) }, { weight: 1, arbitrary: mutated(s, depth + 1) })] as const);
  return fc
    .tuple(fc.record(Object.fromEntries(entries), { requiredKeys: [] }), fc.option(fc.tuple(hostileString, fc.jsonValue({ maxDepth: 1 })), { nil: null }))
    .map(([value, extra]) => (extra ? { ...value, [extra[0]]: extra[1] } : value));
}

/** A fitting object with exactly one property broken: the rest passes, so the handler sees the one odd value. */
export function oneBroken(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema?.properties ?? {});
  if (!schema || keys.length === 0) return hostile(schema);
  return fc
    .tuple(plausible(schema), fc.constantFrom(...keys))
    .chain(([value, key]) => hostile(schema.properties![key]).map((broken) => ({ ...(value as object), [key]: broken })));
}

/** A JSON request body as text: arbitrary JSON, or the route's schema fitted with odd text, bent or broken. */
export function jsonBody(schema: JsonSchema | null): fc.Arbitrary<string> {
  const s = schema ?? undefined;
  return fc
    .oneof(
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      { weight: 3, arbitrary: plausible(s) },
      { weight: 2, arbitrary: oneBroken(s) },
      { weight: 1, arbitrary: mutated(s) },
      { weight: 1, arbitrary: hostile(s) },
    )
    .map((value) => JSON.stringify(value) ?? 'null');
}

/** A path parameter: the real value (so handlers run past their lookups) or a hostile string. */
export function pathValue(schema: JsonSchema, realValue: string | undefined): fc.Arbitrary<string> {
  const text = fc.oneof(hostileString, plausible(schema).map((v) => String(v))).filter((s) => s.length > 0 && !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
  return realValue ? fc.oneof({ weight: 2, arbitrary: fc.constant(realValue) }, { weight: 1, arbitrary: text }) : text;
}

/** A query string (with its leading '?', or empty) from the route's query parameters. */
export function queryValues(params: { name: string; schema: JsonSchema }[]): fc.Arbitrary<string> {
  if (params.length === 0) return fc.constant('');
  const value = (schema: JsonSchema) =>
    fc.oneof(
      plausible(schema).map((v) => [String(v)]),
      hostileString.filter((s) => !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))).map((s) => [s]),
      fc.array(plausible(schema).map(String), { minLength: 2, maxLength: 3 }), // the same key repeated
    );
  return fc
    .record(Object.fromEntries(params.map((p) => [p.name, value(p.schema)])), { requiredKeys: [] })
    .map((record) => {
      const search = new URLSearchParams();
      for (const [key, values] of Object.entries(record)) for (const v of values as string[]) search.append(key, v);
      const text = search.toString();
      return text ? `?${text}` : '';
    });
}
