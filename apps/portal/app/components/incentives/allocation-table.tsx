import { formatNumber, type MessageKey } from '@outpost/i18n';
import { TableRegion } from '../table-region';
import { useLocale, useT } from '../../lib/i18n';

export interface AllocationView {
  id: string;
  serviceCategory: string;
  quarter: string;
  sourceQuarter: string;
  shares: {
    partnerId: string;
    partnerName: string;
    weight: number;
    shareBasisPoints: number;
    routingPriority: boolean;
  }[];
}

/** One category's table for one quarter, with its total (always 100.00 % for staff) and downloads. */
export function AllocationTable({ table, exportBase }: { table: AllocationView; exportBase: string }) {
  const t = useT();
  const locale = useLocale();
  // Two decimals always, as the CSV: the shares are whole basis points adding up to 100.00 %.
  const percent = (bp: number) => `${(bp / 100).toFixed(2)}%`;
  const id = `allocation-${table.id}`;
  const q = `category=${table.serviceCategory}&quarter=${table.quarter}`;
  return (
    <section className="card stack" aria-labelledby={id}>
      <h3 id={id}>
        {t('incentives.allocation.table', {
          category: t(`category.${table.serviceCategory}` as MessageKey),
          quarter: table.quarter,
          source: table.sourceQuarter,
        })}
      </h3>
      <TableRegion labelledBy={id}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('incentives.records.partner')}</th>
              <th scope="col">{t('incentives.allocation.weight')}</th>
              <th scope="col">{t('incentives.allocation.share')}</th>
              <th scope="col">{t('incentives.allocation.priority')}</th>
            </tr>
          </thead>
          <tbody>
            {table.shares.map((s) => (
              <tr key={s.partnerId}>
                <th scope="row">{s.partnerName}</th>
                <td>{formatNumber(locale, s.weight, 2)}</td>
                <td>{percent(s.shareBasisPoints)}</td>
                <td>{s.routingPriority ? '✓' : ''}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('incentives.allocation.total')}</th>
              <td />
              <td>{percent(table.shares.reduce((n, s) => n + s.shareBasisPoints, 0))}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </TableRegion>
      <p className="filters">
        <a href={`${exportBase}?${q}&format=csv`} download>
          {t('incentives.allocation.csv')}
        </a>
        <a href={`${exportBase}?${q}&format=xlsx`} download>
          {t('incentives.allocation.xlsx')}
        </a>
      </p>
    </section>
  );
}
