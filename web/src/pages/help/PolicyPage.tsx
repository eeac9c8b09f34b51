// The published after-sales policy (POL-8), in plain words, for customers before and after they
// buy: what they can ask for, within how long, and who pays. Public: no sign-in needed.
import { Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { coversEarlierOrders, type PublishedPolicy, usePublishedPolicy } from '../../api/policy.queries.ts';
import { useWord } from '../../components/Labels.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { pick, useLanguage } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';

/** Excluded from no-reason return by law outright (消保法 第二十五条); other excluded goods only once unsealed. */
const ALWAYS_EXCLUDED_FLAGS: readonly string[] = ['custom_made', 'perishable', 'periodical'];

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Col xs={24} md={12}>
      <Card title={title} size="small" style={{ height: '100%' }} data-testid={testId}>
        <Space orientation="vertical" size={4}>
          {children}
        </Space>
      </Card>
    </Col>
  );
}

function Sections({ rules, excludedCategories }: Pick<PublishedPolicy, 'rules' | 'excludedCategories'>) {
  const { t } = useTranslation();
  const language = useLanguage();
  const word = useWord();
  const P = ({ children }: { children: ReactNode }) => <Typography.Text>{children}</Typography.Text>;
  const { noReasonReturn: noReason, priceProtection, noReasonExchange } = rules;
  // The law excludes custom-made and perishable goods outright, the others only once unsealed.
  // Categories the platform excludes are excluded whether sealed or not (POL-3).
  const always = [
    ...noReason.excludedFlags.filter((flag) => ALWAYS_EXCLUDED_FLAGS.includes(flag)).map((flag) => word('flag', flag)),
    ...excludedCategories.map((c) => pick(c.name, language)),
  ];
  const whenOpened = noReason.excludedFlags.filter((flag) => !ALWAYS_EXCLUDED_FLAGS.includes(flag)).map((flag) => word('flag', flag));
  const list = t('publicPolicy.separator');
  return (
    <Row gutter={[16, 16]}>
      <Section title={t('publicPolicy.noReason')} testId="policy-no-reason">
        {noReason.enabled ? (
          <>
            <P>{t(noReason.startsAt === 'receipt_confirmed' ? 'publicPolicy.noReasonTextFromConfirmation' : 'publicPolicy.noReasonText', { days: noReason.days })}</P>
            <P>{rules.freeReturnShipping || !noReason.buyerPaysShipping ? t('publicPolicy.noReasonShippingFree') : t('publicPolicy.noReasonShipping')}</P>
            {always.length > 0 ? <Typography.Text type="secondary">{t('publicPolicy.excluded', { list: always.join(list) })}</Typography.Text> : null}
            {whenOpened.length > 0 ? <Typography.Text type="secondary">{t('publicPolicy.excludedWhenOpened', { list: whenOpened.join(list) })}</Typography.Text> : null}
          </>
        ) : (
          <P>{t('publicPolicy.noReasonOff')}</P>
        )}
      </Section>
      <Section title={t('publicPolicy.quality')} testId="policy-quality">
        <P>{t('publicPolicy.qualityReturn', { days: rules.qualityReturn.days })}</P>
        <P>{t('publicPolicy.qualityExchange', { days: rules.qualityExchange.days })}</P>
        <P>{t('publicPolicy.repair', { months: rules.repair.warrantyFallbackMonths, failures: rules.repair.failedRepairsBeforeReplacement })}</P>
        <Typography.Text type="secondary">{t('publicPolicy.qualityShipping')}</Typography.Text>
      </Section>
      <Section title={t('publicPolicy.notAsDescribed')} testId="policy-not-as-described">
        <P>{t('publicPolicy.notAsDescribedText', { days: rules.notAsDescribed.days })}</P>
      </Section>
      <Section title={t('publicPolicy.logistics')} testId="policy-logistics">
        <P>{t('publicPolicy.logisticsText', { days: rules.logisticsClaim.days, reship: rules.reship.days })}</P>
      </Section>
      <Section title={t('publicPolicy.refund')} testId="policy-refund">
        <P>
          {t('publicPolicy.refundText', {
            days: rules.refund.withinDays,
            unit: rules.refund.dayType === 'working' ? t('publicPolicy.workingDays') : t('publicPolicy.naturalDays'),
          })}
        </P>
      </Section>
      <Section title={t('publicPolicy.fraud')} testId="policy-fraud">
        <P>{t('publicPolicy.fraudText', { multiplier: rules.fraudCompensation.multiplier, minimum: rules.fraudCompensation.minimumFen / 100 })}</P>
      </Section>
      <Section title={t('publicPolicy.priceProtection')} testId="policy-price-protection">
        <P>{priceProtection.enabled ? t('publicPolicy.priceProtectionText', { days: priceProtection.days }) : t('publicPolicy.priceProtectionOff')}</P>
      </Section>
      <Section title={t('publicPolicy.noReasonExchange')} testId="policy-no-reason-exchange">
        <P>{noReasonExchange.enabled ? t('publicPolicy.noReasonExchangeText', { days: noReasonExchange.days }) : t('publicPolicy.noReasonExchangeOff')}</P>
      </Section>
    </Row>
  );
}

export function PolicyPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const query = usePublishedPolicy();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('publicPolicy.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('publicPolicy.subtitle')}
        </Typography.Paragraph>
        {query.data?.policy ? (
          <Typography.Text type="secondary" data-testid="policy-version">
            {coversEarlierOrders(query.data.policy.effectiveFrom)
              ? t('publicPolicy.versionForAll', { version: query.data.policy.version })
              : t('publicPolicy.version', { version: query.data.policy.version, date: formatDate(query.data.policy.effectiveFrom, language) })}
          </Typography.Text>
        ) : null}
      </div>
      {query.isError ? <ProblemAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {query.data ? (
        <>
          {query.data.rules.freeReturnShipping ? <Typography.Text strong>{t('publicPolicy.freeShipping')}</Typography.Text> : null}
          <Sections rules={query.data.rules} excludedCategories={query.data.excludedCategories} />
          <Typography.Text type="secondary">
            {t('publicPolicy.contact')} <Link to="/help">{t('publicPolicy.help')}</Link>
          </Typography.Text>
        </>
      ) : null}
    </Space>
  );
}
