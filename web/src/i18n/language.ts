// The console's languages, apart from i18next so that pure helpers (formatting) need no UI code.
export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];
