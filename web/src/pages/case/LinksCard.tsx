// Cases linked to this one: duplicate requests and merges (IN-8), related cases (a group
// complaint's cases are linked to its first), each with how it is linked.
import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../api/types.ts';
import { StateTag, useWord } from '../../components/Labels.tsx';

const LINK_COLORS: Record<string, string> = { duplicate: 'orange', merged: 'purple', related: 'default' };

export function LinksCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const word = useWord();
  return (
    <Card title={t('case.links')} size="small" data-testid="case-links">
      <List
        size="small"
        dataSource={detail.links}
        renderItem={(link) => (
          <List.Item key={`${link.caseId}:${link.linkType}`} data-link-type={link.linkType}>
            <Space size={6} wrap>
              <Tag color={LINK_COLORS[link.linkType] ?? 'default'}>{word('linkType', link.linkType)}</Tag>
              <Link to={`/cases/${link.caseNo}`}>{link.caseNo}</Link>
              <StateTag state={link.state} />
            </Space>
          </List.Item>
        )}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('casework.links.duplicateHint')}
      </Typography.Text>
    </Card>
  );
}
