import { escapeSlackText, type listRiskAlerts, type partnerSummaryForSlack } from '@outpost/core';
import { formatDateTime, formatNumber, type Locale, type MessageKey, translate } from '@outpost/i18n';
import { ephemeral } from './ephemeral.ts';

type AlertList = Awaited<ReturnType<typeof listRiskAlerts>>;
type Summary = NonNullable<Awaited<ReturnType<typeof partnerSummaryForSlack>>>;

/** `/outpost alerts`: the open (or acknowledged) alerts the person owns, nearest deadline first. */
export function myAlertsView(locale: Locale, list: AlertList, publicUrl: string) {
  const base = publicUrl.replace(/\/$/, '');
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  if (list.total === 0) return ephemeral(t('riskSlack.alerts.none'));
  const heading = t('riskSlack.alerts.count', { count: list.total });
  const lines = list.alerts.slice(0, 10).map((a) => {
    const rule = locale === 'zh-CN' ? a.ruleNameZh : a.ruleNameEn;
    const due = a.overdue
      ? `*${t('riskSlack.alerts.overdue')}*`
      : t('riskSlack.alerts.due', { deadline: formatDateTime(locale, a.responseDeadline) });
    return `• ${t(`risk.level.${a.level}` as MessageKey)} · <${base}/s/risk/alerts/${a.id}|${escapeSlackText(a.partnerName)}> — ${escapeSlackText(rule)} · ${t(`risk.alertStatus.${a.status}` as MessageKey)} · ${due}`;
  });
  const text = `${heading}\n${lines.join('\n')}`;
  return ephemeral(text, [
    { type: 'section', text: { type: 'mrkdwn', text: heading } },
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 3000) } },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'risk_alerts_open',
          text: { type: 'plain_text', text: t('riskSlack.alerts.openInbox') },
          url: `${base}/s/risk/alerts?mine=1`,
        },
      ],
    },
  ]);
}

/** `/outpost partner …`: status, this quarter's score, open alerts; or the one "not found" answer. */
export function partnerSummaryView(
  locale: Locale,
  query: string,
  summary: Awaited<ReturnType<typeof partnerSummaryForSlack>>,
  publicUrl: string,
) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  if (!summary)
    return ephemeral(t('riskSlack.partner.notFound', { query: escapeSlackText(query.slice(0, 100)) }));
  if ('ambiguous' in summary && summary.ambiguous)
    return ephemeral(
      t('riskSlack.partner.ambiguous', { names: summary.ambiguous.map(escapeSlackText).join('、') }),
    );
  return partnerCard(locale, summary, publicUrl);
}

function partnerCard(locale: Locale, s: Extract<Summary, { partner: unknown }>, publicUrl: string) {
  const base = publicUrl.replace(/\/$/, '');
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const name = escapeSlackText(s.partner.legalName);
  const score =
    s.score === null
      ? t('riskSlack.partner.noScore')
      : t('riskSlack.partner.scoreValue', { score: formatNumber(locale, s.score, 1), grade: s.grade ?? '—' });
  const alertLines = s.alerts.map((a) => {
    const rule = locale === 'zh-CN' ? a.ruleNameZh : a.ruleNameEn;
    const overdue = a.overdue ? ` · *${t('riskSlack.alerts.overdue')}*` : '';
    return `• ${t(`risk.level.${a.level}` as MessageKey)} · <${base}/s/risk/alerts/${a.id}|${escapeSlackText(rule)}> · ${t(`risk.alertStatus.${a.status}` as MessageKey)}${overdue}`;
  });
  const text = `*${name}* (${s.partner.creditCode})`;
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text } },
    {
      type: 'section',
      fields: [
        {
          type: 'mrkdwn',
          text: `*${t('riskSlack.partner.status')}*\n${t(`status.${s.partner.status}` as MessageKey)}`,
        },
        { type: 'mrkdwn', text: `*${t('riskSlack.partner.score')}*\n${score}` },
        { type: 'mrkdwn', text: `*${t('riskSlack.partner.openAlerts')}*\n${s.openAlerts}` },
      ],
    },
  ];
  if (alertLines.length)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: alertLines.join('\n') } });
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: 'risk_partner_open',
        text: { type: 'plain_text', text: t('riskSlack.partner.open') },
        url: `${base}/s/partners/${s.partner.id}`,
      },
    ],
  });
  return ephemeral(
    `${text}\n${t('riskSlack.partner.status')}: ${t(`status.${s.partner.status}` as MessageKey)} · ${t('riskSlack.partner.score')}: ${score} · ${t('riskSlack.partner.openAlerts')}: ${s.openAlerts}`,
    blocks,
  );
}
