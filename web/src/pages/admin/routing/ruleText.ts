// Words for a routing rule's conditions and actions, shared by the rules table and the tester.
import type { TFunction } from 'i18next';
import type { RuleConditions } from '../../../api/admin.types.ts';

export const CONDITION_KEYS = [
  'severity', 'kind', 'category', 'channel', 'productCategory', 'merchantId', 'merchantPlatformOperated', 'customerTier', 'language', 'platformIntervention',
] as const satisfies readonly (keyof RuleConditions)[];

/** How merchant ids and product category codes read: the merchant's name, the category's name. */
export interface RuleNames {
  merchants: Map<string, string>;
  category: (code: string) => string;
}

/** The label of one value of a condition (a severity, a kind…), or the value itself for free words. */
export function conditionValue(t: TFunction, key: keyof RuleConditions, value: string, names: RuleNames): string {
  switch (key) {
    case 'severity':
    case 'kind':
    case 'channel':
      return t(`${key}.${value}`, { defaultValue: value });
    case 'category':
      return t(`admin.category.${value}`, { defaultValue: value });
    case 'customerTier':
      return t(`admin.tier.${value}`, { defaultValue: value });
    case 'language':
      return t(`admin.locale.${value}`, { defaultValue: value });
    case 'merchantId':
      return names.merchants.get(value) ?? value.slice(0, 8);
    case 'productCategory':
      return names.category(value);
    default:
      return value;
  }
}

/** "Severity: L1 urgent / L2 complex" for each condition a rule sets. */
export function conditionTexts(t: TFunction, conditions: RuleConditions, names: RuleNames): { key: string; text: string }[] {
  return CONDITION_KEYS.filter((k) => conditions[k] !== undefined).map((k) => {
    const value = conditions[k];
    const shown = typeof value === 'boolean' ? (value ? t('admin.common.yes') : t('admin.common.no')) : (value ?? []).map((v) => conditionValue(t, k, v, names)).join(' / ');
    return { key: k, text: `${t(`admin.routing.condition.${k}`)}: ${shown}` };
  });
}
