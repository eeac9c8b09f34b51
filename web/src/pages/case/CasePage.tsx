// One case: header and progress (with queue and holder for staff), the group complaint it belongs
// to, actions, triage and its reasons (staff), SLA clocks, items and policy answer, conversation
// with the reply composer, negotiation, execution (tasks, refunds, ledger, shipments), files,
// linked cases and the timeline.
import { Button, Col, Result, Row, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { useCase } from '../../api/queries.ts';
import { STAFF_ROLES } from '../../api/types.ts';
import { useSignedIn } from '../../auth/signed-in.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { shownDeadlines } from '../../lib/sla.ts';
import { ActionsCard } from './ActionsCard.tsx';
import { AttachmentsCard } from './AttachmentsCard.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { IncidentBanner } from './IncidentBanner.tsx';
import { CollaborationCard } from './CollaborationCard.tsx';
import { CustomerCard } from './CustomerCard.tsx';
import { MoneyCard, ShipmentsCard, TasksCard } from './ExecutionCards.tsx';
import { ItemsCard } from './ItemsCard.tsx';
import { LinksCard } from './LinksCard.tsx';
import { MessagesCard } from './MessagesCard.tsx';
import { OffersCard } from './OffersCard.tsx';
import { ReturnAddressCard, showsReturnAddress } from './ReturnAddressCard.tsx';
import { PresenceBanner } from './PresenceBanner.tsx';
import { CaseShortcuts } from './CaseShortcuts.tsx';
import { SlaCard } from './SlaCard.tsx';
import { TimelineCard } from './TimelineCard.tsx';
import { TriageCard } from './TriageCard.tsx';
import { onServerClock } from '../../lib/serverClock.ts';

export function CasePage() {
  const { t } = useTranslation();
  const { caseNo = '' } = useParams();
  const signedIn = useSignedIn();
  const query = useCase(caseNo);
  const staff = signedIn ? STAFF_ROLES.includes(signedIn.user.role) : false;

  if (query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) {
      return (
        <Result
          status="404"
          title={caseNo}
          subTitle={t('case.notFound')}
          extra={
            <Link to="/cases">
              <Button>{t('common.back')}</Button>
            </Link>
          }
        />
      );
    }
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  const detail = query.data;
  // Staff read the clocks beside the work; a customer or merchant sees their own to-dos up front.
  const deadlines = shownDeadlines(detail.deadlines ?? [], staff);
  const sla =
    signedIn && deadlines.length > 0 ? <SlaCard deadlines={deadlines} role={signedIn.user.role} staff={staff} tasks={detail.tasks} fetchedAt={onServerClock(query.dataUpdatedAt)} /> : null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {staff && detail.incident ? <IncidentBanner incident={detail.incident} /> : null}
      <CaseHeader detail={detail} />
      <PresenceBanner caseNo={detail.caseNo} announce={signedIn !== null && signedIn.user.role !== 'customer'} />
      {staff ? <CaseShortcuts /> : null}
      <ActionsCard detail={detail} />
      {showsReturnAddress(detail) ? <ReturnAddressCard detail={detail} /> : null}
      {staff ? null : sla}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ItemsCard detail={detail} />
            <MessagesCard detail={detail} staff={staff} />
            <OffersCard detail={detail} />
            <TimelineCard detail={detail} staff={staff} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {staff ? <TriageCard detail={detail} /> : null}
            {staff ? sla : null}
            <CollaborationCard detail={detail} fetchedAt={onServerClock(query.dataUpdatedAt)} />
            <CustomerCard detail={detail} />
            <TasksCard detail={detail} />
            <MoneyCard detail={detail} />
            <ShipmentsCard shipments={detail.shipments} />
            <AttachmentsCard detail={detail} staff={staff} />
            {detail.links.length > 0 ? <LinksCard detail={detail} /> : null}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
