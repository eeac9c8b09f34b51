// A product category as people read it: the name the shop system gave its code
// (PUT /api/v1/integration/product-categories/{code}), read beside the product with a left join
// on product_categories.external_id = products.category. A code without a name reads as itself.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LocalizedText } from '../../shared/vocabulary.ts';

export function categoryName(code: string, nameZh: string | null, nameEn: string | null): LocalizedText {
  if (nameZh === null) return { 'zh-CN': code, 'en-US': code };
  return { 'zh-CN': nameZh, 'en-US': nameEn ?? nameZh };
}

/** The given codes with their names, in the given order (a policy's excluded categories, say). */
export async function namedCategories(db: Kysely<DB>, codes: readonly string[]): Promise<{ code: string; name: LocalizedText }[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('product_categories').select(['external_id', 'name_zh', 'name_en']).where('external_id', 'in', [...codes]).execute();
  const byCode = new Map(rows.map((r) => [r.external_id, r]));
  return codes.map((code) => {
    const row = byCode.get(code);
    return { code, name: categoryName(code, row?.name_zh ?? null, row?.name_en ?? null) };
  });
}
