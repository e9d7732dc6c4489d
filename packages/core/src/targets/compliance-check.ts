import { type Database, rowsOf } from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { sql } from 'drizzle-orm';
import type { ComplianceReason } from './definitions.ts';

export interface PartnerCompliance {
  partnerId: string;
  reasons: ComplianceReason[];
}

/**
 * Every active partner's compliance as the records stand now (decision record 046), in one
 * statement: the requirements it fails, in the order of `complianceReasons` —
 * - `documents`: a mandatory qualification document of its categories is missing, not accepted, or
 *   past its expiry date;
 * - `training`: the training figure the training dashboard shows (this month's people on pace /
 *   people on the roster, written by the daily training job) is critical by the training KPI's
 *   definition (below its critical threshold, 75 % by default — the default risk rule's bar too),
 *   for a partner in a category the KPI applies to; a partner without a roster figure is not judged;
 * - `rectification`: an open rectification item past its due date;
 * - `critical_alert`: an open or acknowledged critical risk alert;
 * - `contract`: no contract in force (active, expiring or renewed) whose term covers the quarter's last day (one that
 *   renews automatically covers it).
 */
export async function currentCompliance(
  db: Database,
  quarterLastDay: string,
  now = new Date(),
): Promise<PartnerCompliance[]> {
  const today = todayInChina(now);
  const month = `${today.slice(0, 7)}-01`;
  const rows = await db.execute(sql`
    select p.id as "partnerId", array_remove(array[
      case when exists (
        select 1 from document_requirements r
        where r.active and r.mandatory
          and (cardinality(r.service_categories) = 0 or r.service_categories && p.service_categories)
          and not exists (
            select 1 from documents d
            where d.partner_id = p.id and d.requirement_id = r.id and d.status = 'accepted'
              and (d.expiry_date is null or d.expiry_date >= ${today}::date))
      ) then 'documents' end,
      case when m.training_people > 0 and k.active
          and (cardinality(k.service_categories) = 0 or k.service_categories && p.service_categories)
          and m.training_met::float * 100 / m.training_people < k.critical_threshold
        then 'training' end,
      case when exists (
        select 1 from rectification_items i
        where i.partner_id = p.id and i.status = 'open' and i.due_date < ${today}::date
      ) then 'rectification' end,
      case when exists (
        select 1 from risk_alerts a
        where a.partner_id = p.id and a.level = 'critical' and a.status in ('open', 'acknowledged')
      ) then 'critical_alert' end,
      case when not exists (
        select 1 from contracts c
        join contract_versions v on v.contract_id = c.id and v.version = c.current_version
        where c.partner_id = p.id and c.status in ('active', 'expiring', 'renewed')
          and (v.terms->>'startDate') <= ${quarterLastDay}
          and ((v.terms->>'endDate') >= ${quarterLastDay} or (v.terms->>'autoRenew')::boolean)
      ) then 'contract' end
    ], null) as reasons
    from partners p
    left join kpi_monthly_rollups m on m.partner_id = p.id and m.month = ${month}::date
    left join kpi_definitions k on k.key = 'training_compliance'
    where p.status = 'active'
    order by p.id`);
  return rowsOf<PartnerCompliance>(rows);
}
