import { Card, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../api/types.ts';
import { StateTag } from '../../components/Labels.tsx';

export function LinksCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('case.links')} size="small">
      <List
        size="small"
        dataSource={detail.links}
        renderItem={(link) => (
          <List.Item key={`${link.caseId}:${link.linkType}`}>
            <Link to={`/cases/${link.caseNo}`}>{link.caseNo}</Link> <StateTag state={link.state} />
          </List.Item>
        )}
      />
    </Card>
  );
}
