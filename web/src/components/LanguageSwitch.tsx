import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage, useLanguage } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Segmented<Language>
      aria-label={t('nav.language')}
      size="small"
      value={language}
      onChange={setLanguage}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en-US' },
      ]}
    />
  );
}
