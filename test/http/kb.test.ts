// The help centre (IN-6): Chinese and English search over the default FAQ, ranking, drafts kept
// private, versions on every published edit, answers suggested before filing, and deflections.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
  shop = await makeShop(t);
});
afterAll(async () => t.close());

const search = (q: string, locale?: string, headers?: Record<string, string>) =>
  shop.anonymous.get(`/api/v1/kb/articles?q=${encodeURIComponent(q)}${locale ? `&locale=${locale}` : ''}`, headers);
const slugs = (body: { items: { slug: string }[] }) => body.items.map((i) => i.slug);
const unique = () => `t${randomUUID().slice(0, 8)}`;

describe('default FAQ and search', () => {
  it('loads at least 30 published articles at start-up, in both languages', async () => {
    const zh = await shop.anonymous.get('/api/v1/kb/articles?locale=zh-CN&limit=50');
    const en = await shop.anonymous.get('/api/v1/kb/articles?locale=en-US&limit=50');
    expect(zh.status).toBe(200);
    expect(zh.body.total).toBeGreaterThanOrEqual(20);
    expect(en.body.total).toBeGreaterThanOrEqual(10);
    expect(zh.body.total + en.body.total).toBeGreaterThanOrEqual(30);
    expect(zh.body.items.every((a: { status: string; body?: string }) => a.status === 'published' && a.body === undefined)).toBe(true);
    const categories = new Set(zh.body.items.map((a: { category: string }) => a.category));
    for (const c of ['return_process', 'logistics', 'payment', 'product_quality', 'privacy', 'service_attitude']) expect(categories).toContain(c);
  });

  it.each([
    ['退货运费谁出', 'return-shipping-fee'],
    ['快递一直不动', 'logistics-delay'],
    ['退款多久到账', 'refund-arrival-time'],
    ['快递丢了怎么办', 'lost-parcel'],
    ['我想改一下收货地址', 'change-address'],
    ['扣了两次钱', 'duplicate-charge'],
    ['三包保修期多久', 'warranty-sanbao'],
    ['发票怎么开', 'invoice'],
  ])('finds the right Chinese answer first for "%s"', async (q, slug) => {
    const res = await search(q);
    expect(res.status).toBe(200);
    expect(res.body.locale).toBe('zh-CN');
    expect(slugs(res.body)[0]).toBe(slug);
    expect(res.body.items[0].excerpt.length).toBeGreaterThan(10);
  });

  it('finds English answers, by the locale asked for or by the reader\'s language', async () => {
    expect(slugs((await search('charged twice', 'en-US')).body)[0]).toBe('duplicate-charge');
    const byHeader = await search('I was charged twice for my order', undefined, { 'accept-language': 'en-US' });
    expect(byHeader.body.locale).toBe('en-US');
    expect(slugs(byHeader.body)[0]).toBe('duplicate-charge');
    // No language given and none guessable: the other language is tried when the first finds nothing.
    const fallback = await search('parcel damaged');
    expect(fallback.body.locale).toBe('en-US');
    expect(slugs(fallback.body)[0]).toBe('parcel-lost-or-damaged');
    expect(slugs((await search('How long does a refund take', 'en-US')).body)[0]).toBe('refund-arrival-time');
  });

  it('ranks best first: scores descend, and a title match beats the same word in a body', async () => {
    const res = await search('退款多久到账');
    const scores = res.body.items.map((i: { score: number }) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const titled = await shop.admin.post('/api/v1/kb/articles', {
      slug: `${unique()}-gift-card`, locale: 'zh-CN', category: 'payment', publish: true,
      title: '礼品卡怎么使用？', body: '在结算页选择礼品卡即可抵扣订单金额，余额可以继续使用。',
    });
    const mentioned = await shop.admin.post('/api/v1/kb/articles', {
      slug: `${unique()}-points`, locale: 'zh-CN', category: 'payment', publish: true,
      title: '会员积分说明', body: '积分可以在积分商城兑换礼品卡、优惠券和实物礼品，积分有效期为一年，礼品卡兑换后不可退。',
    });
    expect(titled.status).toBe(201);
    const ranked = slugs((await search('礼品卡怎么使用')).body);
    expect(ranked.indexOf(titled.body.slug)).toBe(0);
    expect(ranked).toContain(mentioned.body.slug);
  });

  it('answers an empty, blank or punctuation-only question with nothing, never an error', async () => {
    for (const q of ['？！。', '...', "' | & ! \\ :*", '的了吗']) {
      const res = await search(q);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }
    const quoted = await search("退货' | !运费 \\ & (谁出");
    expect(quoted.status).toBe(200);
    expect(slugs(quoted.body)).toContain('return-shipping-fee');
    const suggested = await shop.customer.post('/api/v1/kb/suggest', { text: '' });
    expect(suggested.status).toBe(200);
    expect(suggested.body.items).toEqual([]);
  });

  it('shows one published article by slug, and 404 for an unknown one', async () => {
    const res = await shop.anonymous.get('/api/v1/kb/articles/return-shipping-fee?locale=zh-CN');
    expect(res.status).toBe(200);
    expect(res.body.body).toContain('运费险');
    expect(res.body.categoryLabel['zh-CN']).toBe('退换货流程');
    const en = await shop.anonymous.get('/api/v1/kb/articles/return-shipping-fee', { 'accept-language': 'en-US' });
    expect(en.body.locale).toBe('en-US');
    const missing = await shop.anonymous.get('/api/v1/kb/articles/no-such-article');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});

describe('suggestions before filing', () => {
  it('offers at most 3 answers with excerpts, to customers and staff only', async () => {
    const res = await shop.customer.post('/api/v1/kb/suggest', { text: '快递一直不动，物流三天没更新了', kind: 'logistics_exception' });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.length).toBeLessThanOrEqual(3);
    expect(res.body.items[0]).toMatchObject({ slug: 'logistics-delay', locale: 'zh-CN' });
    expect(res.body.items[0].excerpt).toMatch(/物流|快递/);
    const long = await shop.agent.post('/api/v1/kb/suggest', { text: '退货 退款 运费 快递 发票 维修 换货 投诉 地址 扣款 质量 三包' });
    expect(long.body.items.length).toBe(3);
    expect((await shop.anonymous.post('/api/v1/kb/suggest', { text: '退货' })).status).toBe(401);
    expect((await shop.merchant.post('/api/v1/kb/suggest', { text: '退货' })).status).toBe(403);
  });
});

describe('editing (admin)', () => {
  it('keeps drafts private until published, and archived articles disappear', async () => {
    const slug = `${unique()}-draft`;
    const draft = await shop.admin.post('/api/v1/kb/articles', {
      slug, locale: 'zh-CN', category: 'other', title: '草稿：双十一保价规则', body: '双十一期间保价规则说明，尚未发布。', tags: ['双十一'],
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1 });
    expect(slugs((await search('双十一保价')).body)).not.toContain(slug);
    expect((await shop.anonymous.get(`/api/v1/kb/articles/${slug}?locale=zh-CN`)).status).toBe(404);
    expect(slugs((await shop.anonymous.get('/api/v1/kb/articles?locale=zh-CN&category=other&limit=50')).body)).not.toContain(slug);
    expect((await shop.anonymous.get('/api/v1/kb/articles?status=draft')).status).toBe(403);
    expect((await shop.customer.get('/api/v1/kb/articles?status=all')).status).toBe(403);
    expect(slugs((await shop.admin.get('/api/v1/kb/articles?status=draft&limit=50')).body)).toContain(slug);
    // A draft is in no history: nothing was ever published.
    expect((await shop.admin.get(`/api/v1/kb/articles/${draft.body.id}/versions`)).body.items).toEqual([]);

    const published = await shop.admin.post(`/api/v1/kb/articles/${draft.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(slugs((await search('双十一保价')).body)).toContain(slug);
    expect((await shop.anonymous.get(`/api/v1/kb/articles/${slug}?locale=zh-CN`)).status).toBe(200);

    expect((await shop.admin.post(`/api/v1/kb/articles/${draft.body.id}/archive`)).body.status).toBe('archived');
    expect(slugs((await search('双十一保价')).body)).not.toContain(slug);
    expect((await shop.anonymous.get(`/api/v1/kb/articles/${slug}?locale=zh-CN`)).status).toBe(404);
  });

  it('an edit of a published article is a new version; the history lists every published version', async () => {
    const slug = `${unique()}-presale`;
    const v1 = await shop.admin.post('/api/v1/kb/articles', {
      slug, locale: 'zh-CN', category: 'payment', publish: true, title: '预售定金能退吗', body: '预售商品的定金在尾款支付前不退。',
    });
    expect(v1.body).toMatchObject({ status: 'published', version: 1 });
    const edit = { slug, locale: 'zh-CN', category: 'payment', title: '预售定金和尾款怎么退', body: '未付尾款时定金可按商品页规则退回；付尾款后按普通订单退款。', tags: ['预售', '定金'] };
    const v2 = await shop.admin.put(`/api/v1/kb/articles/${v1.body.id}`, { ...edit, expectedVersion: 1 });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ status: 'published', version: 2, title: '预售定金和尾款怎么退' });
    const history = await shop.admin.get(`/api/v1/kb/articles/${v1.body.id}/versions`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((v: { version: number; title: string }) => [v.version, v.title])).toEqual([
      [2, '预售定金和尾款怎么退'],
      [1, '预售定金能退吗'],
    ]);
    expect((await shop.anonymous.get(`/api/v1/kb/articles/${slug}?locale=zh-CN`)).body.title).toBe('预售定金和尾款怎么退');
    expect(slugs((await search('尾款')).body)).toContain(slug); // the new words are searchable at once

    const stale = await shop.admin.put(`/api/v1/kb/articles/${v1.body.id}`, { ...edit, title: '过期的编辑', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    const clash = await shop.admin.put(`/api/v1/kb/articles/${v1.body.id}`, { ...edit, slug: 'return-shipping-fee' });
    expect(clash.status).toBe(409);
    expect(clash.body.field).toBe('slug');
    expect((await shop.agent.put(`/api/v1/kb/articles/${v1.body.id}`, edit)).status).toBe(403);
    expect((await shop.agent.get(`/api/v1/kb/articles/${v1.body.id}/versions`)).status).toBe(403);
    const bad = await shop.admin.post('/api/v1/kb/articles', { ...edit, slug: 'Not A Slug!', category: 'nonsense' });
    expect(bad.status).toBe(400);
  });
});

describe('wording (RISK-1)', () => {
  it('refuses an article with forbidden wording on create, edit and publish, as reply templates are', async () => {
    const slug = `${unique()}-promise`;
    const promise = { slug, locale: 'zh-CN', category: 'product_quality', title: '本店商品终身保修', body: '本店所有商品绝对正品，终身保修。', publish: true };
    const created = await shop.admin.post('/api/v1/kb/articles', promise);
    expect(created.status).toBe(422);
    expect(created.body).toMatchObject({ type: '/problems/non-compliant-wording', field: 'title' });
    expect(created.body.flags.map((f: { phrase: string; rule: string }) => [f.phrase, f.rule])).toEqual([['终身保修', 'lifetime-promise']]);
    expect(created.body.messages['zh-CN']).toContain('提供X年质保服务');
    const inBody = await shop.admin.post('/api/v1/kb/articles', { ...promise, title: '质保说明' });
    expect(inBody.status).toBe(422);
    expect(inBody.body.field).toBe('body');
    expect(inBody.body.flags.map((f: { phrase: string }) => f.phrase)).toEqual(['绝对正品', '终身保修']);
    expect((await shop.anonymous.get(`/api/v1/kb/articles/${slug}?locale=zh-CN`)).status).toBe(404);

    const fine = { ...promise, title: '质保说明', body: '本店商品符合国家质检标准，提供1年质保服务。' };
    const ok = await shop.admin.post('/api/v1/kb/articles', fine);
    expect(ok.status).toBe(201);
    const edit = await shop.admin.put(`/api/v1/kb/articles/${ok.body.id}`, { ...fine, body: '这是公司规定，质保一年。' });
    expect(edit.status).toBe(422);
    expect((await shop.anonymous.get(`/api/v1/kb/articles/${slug}?locale=zh-CN`)).body.body).toBe(fine.body);

    // A draft saved before the check goes live only once its wording is compliant.
    const draft = await shop.admin.post('/api/v1/kb/articles', { ...fine, slug: `${slug}-draft`, publish: false });
    await t.runtime.deps.database.db.updateTable('kb_articles').set({ body: '百分之百正品' }).where('id', '=', draft.body.id).execute();
    expect((await shop.admin.post(`/api/v1/kb/articles/${draft.body.id}/publish`)).status).toBe(422);
  });
});

describe('deflections', () => {
  it('records whether an answer solved the problem and counts it per article', async () => {
    const make = async (title: string) =>
      (await shop.admin.post('/api/v1/kb/articles', { slug: `${unique()}-d`, locale: 'zh-CN', category: 'other', publish: true, title, body: `${title}的说明。` })).body;
    const a = await make('开箱发现有划痕');
    const b = await make('赠品什么时候发');
    const solved = await shop.customer.post('/api/v1/kb/deflections', { articleId: a.id, query: '开箱有划痕', solved: true });
    expect(solved.status).toBe(201);
    expect(solved.body).toMatchObject({ articleId: a.id, solved: true });
    expect((await shop.customer.post('/api/v1/kb/deflections', { articleId: a.id, query: '划痕', solved: false })).status).toBe(201);
    expect((await shop.customer.post('/api/v1/kb/deflections', { articleId: a.id, query: '划痕', solved: true })).status).toBe(201);
    expect((await shop.customer.post('/api/v1/kb/deflections', { articleId: b.id, query: '赠品', solved: false, channel: 'app' })).status).toBe(201);

    const stats = await shop.supervisor.get('/api/v1/kb/deflections/stats');
    expect(stats.status).toBe(200);
    const of = (id: string) => stats.body.items.find((i: { articleId: string }) => i.articleId === id);
    expect(of(a.id)).toMatchObject({ solved: 2, notSolved: 1, total: 3, deflectionRate: 0.6667 });
    expect(of(b.id)).toMatchObject({ solved: 0, notSolved: 1, total: 1, deflectionRate: 0 });
    expect(stats.body.totals.total).toBeGreaterThanOrEqual(4);
    const { db } = t.runtime.deps.database;
    const row = await db.selectFrom('kb_deflections').selectAll().where('article_id', '=', b.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ customer_id: shop.customerId, query: '赠品', solved: false, channel: 'app' });

    const later = await shop.admin.get(`/api/v1/kb/deflections/stats?from=${encodeURIComponent(new Date(t.clock.now().getTime() + 60_000).toISOString())}`);
    expect(later.body.items).toEqual([]);
    expect((await shop.agent.get('/api/v1/kb/deflections/stats')).status).toBe(403);
    expect((await shop.agent.post('/api/v1/kb/deflections', { articleId: a.id, solved: true })).status).toBe(403);
    expect((await shop.customer.post('/api/v1/kb/deflections', { articleId: randomUUID(), solved: true })).status).toBe(404);
    expect((await shop.customer.post('/api/v1/kb/deflections', { articleId: a.id })).status).toBe(400);
  });
});
