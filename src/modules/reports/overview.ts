// The supervisors' dashboard (SPEC AN-1..4, SLA-13, TR-6): what is open now by state and
// severity, how the clocks did, what customers said, which problems come most, daily intake and
// the open incidents. Read models in SQL that run the same on PGlite and PostgreSQL; nothing here writes.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { OPEN_STATES } from '../cases/case.state.ts';
import { serviceClocks } from '../sla/sla.reports.ts';

export interface OverviewFigures {
  from: string;
  to: string;
  /** Open cases now, by state and severity. */
  backlog: { state: string; severity: string; count: number }[];
  openCases: number;
  /** Clocks of cases filed in the period that ended met or breached, and breaches still unmet now. */
  sla: { met: number; breached: number; metShare: number | null; openBreaches: number };
  /**
   * One rating per case, given in the period: the customer's own (their latest confirmation of the
   * result), else a return visit's (the latest) when the customer gave none.
   */
  satisfaction: { count: number; average: number | null; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
  topCategories: { category: string; count: number }[];
  /** Cases filed per local day (Asia/Shanghai) in the period, oldest first, days without cases included. */
  intake: { day: string; count: number }[];
  incidents: { open: number; latest: { incidentNo: string; scope: string; category: string; customers: number; openedAt: string }[] };
}

const TOP_CATEGORIES = 8;
const LATEST_INCIDENTS = 5;
const ZONE = 'Asia/Shanghai';

export async function overviewFigures(db: Kysely<DB>, period: { from: Date; to: Date }): Promise<OverviewFigures> {
  const { from, to } = period;
  const [backlog, sla, openBreaches, ratings, categories, intake, incidents, openIncidents] = await Promise.all([
    db
      .selectFrom('cases')
      .select(['state', 'severity', sql<number>`count(*)::int`.as('count')])
      .where('state', 'in', [...OPEN_STATES])
      .groupBy(['state', 'severity'])
      .execute(),
    sql<{ met: number; breached: number }>`
      select (count(*) filter (where d.met_at is not null and d.breached_at is null))::int as met,
             (count(*) filter (where d.breached_at is not null))::int as breached
      from case_deadlines d join cases c on c.id = d.case_id
      -- The same clocks as the SLA report (SLA-13), so the two agree.
      where c.created_at >= ${from} and c.created_at < ${to} and ${serviceClocks('d')}`.execute(db),
    sql<{ n: number }>`
      select count(*)::int as n from case_deadlines d
      where d.breached_at is not null and d.met_at is null and d.cancelled_at is null`.execute(db),
    // CL-2, CRM-3: a return visit often hears again what the customer said when confirming; counted
    // once per case, the customer's own word first. Cases are those rated in the period.
    sql<{ rating: number; n: number }>`
      with rated as (
        select e.case_id, e.type, e.seq, e.occurred_at, (e.data->>'rating')::int as rating from case_events e
        where e.type in ('resolution_confirmed', 'return_visit_logged') and jsonb_typeof(e.data->'rating') = 'number'
      ), chosen as (
        select distinct on (r.case_id) r.rating, r.occurred_at from rated r
        where r.case_id in (select case_id from rated where occurred_at >= ${from} and occurred_at < ${to})
        order by r.case_id, (r.type = 'resolution_confirmed') desc, r.seq desc
      )
      select rating, count(*)::int as n from chosen
      where occurred_at >= ${from} and occurred_at < ${to}
      group by 1`.execute(db),
    db
      .selectFrom('cases')
      .select([sql<string>`coalesce(category, 'other')`.as('category'), sql<number>`count(*)::int`.as('count')])
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .groupBy(sql`coalesce(category, 'other')`)
      .orderBy('count', 'desc')
      .orderBy('category')
      .limit(TOP_CATEGORIES)
      .execute(),
    sql<{ day: string; n: number }>`
      select to_char(created_at at time zone ${ZONE}, 'YYYY-MM-DD') as day, count(*)::int as n
      from cases where created_at >= ${from} and created_at < ${to} group by 1`.execute(db),
    db
      .selectFrom('incidents')
      .select(['incident_no', 'scope', 'category', 'customers', 'opened_at'])
      .where('status', '=', 'open')
      .orderBy('opened_at', 'desc')
      .limit(LATEST_INCIDENTS)
      .execute(),
    db.selectFrom('incidents').select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'open').executeTakeFirstOrThrow(),
  ]);

  const met = Number(sla.rows[0]?.met ?? 0);
  const breached = Number(sla.rows[0]?.breached ?? 0);
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let ratingSum = 0;
  let ratingCount = 0;
  for (const row of ratings.rows) {
    const key = String(row.rating) as keyof typeof distribution;
    if (!(key in distribution)) continue;
    distribution[key] += Number(row.n);
    ratingSum += Number(row.rating) * Number(row.n);
    ratingCount += Number(row.n);
  }
  const perDay = new Map(intake.rows.map((r) => [r.day, Number(r.n)]));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    backlog: backlog.map((r) => ({ state: r.state, severity: r.severity, count: Number(r.count) })),
    openCases: backlog.reduce((sum, r) => sum + Number(r.count), 0),
    sla: { met, breached, metShare: met + breached === 0 ? null : met / (met + breached), openBreaches: Number(openBreaches.rows[0]?.n ?? 0) },
    satisfaction: { count: ratingCount, average: ratingCount === 0 ? null : ratingSum / ratingCount, distribution },
    topCategories: categories.map((r) => ({ category: r.category, count: Number(r.count) })),
    intake: localDays(from, to).map((day) => ({ day, count: perDay.get(day) ?? 0 })),
    incidents: {
      open: Number(openIncidents.n),
      latest: incidents.map((i) => ({
        incidentNo: i.incident_no,
        scope: i.scope,
        category: i.category,
        customers: Number(i.customers),
        openedAt: new Date(i.opened_at).toISOString(),
      })),
    },
  };
}

/** Every local calendar day touched by [from, to), as YYYY-MM-DD in the platform's zone. */
export function localDays(from: Date, to: Date): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  const days: string[] = [];
  const last = format.format(new Date(to.getTime() - 1));
  for (let t = from.getTime(); ; t += 86_400_000) {
    const day = format.format(new Date(t));
    if (days.at(-1) !== day) days.push(day);
    if (day >= last) break;
  }
  return days;
}
