import { escapeSlackText, OPEN_IN_OUTPOST_ACTION_ID, type RiskAlertCard } from '@outpost/core';
import {
  formatDateTime,
  formatDay,
  formatNumber,
  type Locale,
  type MessageKey,
  type Params,
  translate,
} from '@outpost/i18n';
import { type CardLanguages, localesOf, RISK_ALERT_ACTION_IDS, riskBlockId } from '../risk/ids.ts';

type Block = Record<string, unknown>;

/**
 * A risk alert's Slack card, from the alert as it is now (decision 034): partner, rule, level,
 * value against threshold, deadline, status with who did what, and — while the alert is live —
 * Acknowledge (open alerts only), Assign to… (a user select), Resolve (opens the note modal) and
 * Open in console. A channel card is in both languages (`both`), a DM in its reader's.
 */
export function riskAlertView(
  card: RiskAlertCard,
  options: { languages: CardLanguages; publicUrl: string; now?: Date },
): { text: string; blocks: Block[] } {
  const locales = localesOf(options.languages);
  const now = options.now ?? new Date();
  const { alert } = card;
  /** One label or line per language: "中文 / English" for a channel card. */
  const t = (key: MessageKey, params?: Params, join = ' / ') =>
    locales.map((l) => translate(l, key, params)).join(join);
  const per = (fn: (locale: Locale) => string, join = ' / ') => locales.map(fn).join(join);
  const url = `${options.publicUrl.replace(/\/$/, '')}${card.href}`;
  const title = per((l) =>
    translate(l, 'riskSlack.card.title', {
      level: translate(l, `risk.level.${alert.level}` as MessageKey),
      partner: card.partnerName,
    }),
  );
  const rule = per((l) => (l === 'zh-CN' ? card.ruleNameZh : card.ruleNameEn));
  const status = statusLines(card, now, locales);

  const fields: [MessageKey, string][] = [
    ['riskSlack.field.partner', `${escapeSlackText(card.partnerName)}\n${card.creditCode}`],
    ['riskSlack.field.rule', escapeSlackText(rule)],
    ['riskSlack.field.level', t(`risk.level.${alert.level}` as MessageKey)],
    ['riskSlack.field.value', escapeSlackText(per((l) => evidenceLine(alert.evidence, l)))],
    ['riskSlack.field.deadline', per((l) => formatDateTime(l, alert.responseDeadline))],
    ['riskSlack.field.owner', card.ownerName ? escapeSlackText(card.ownerName) : t('riskSlack.owner.none')],
  ];
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, 150) } },
    {
      type: 'section',
      fields: fields.map(([key, value]) => ({ type: 'mrkdwn', text: clip(`*${t(key)}*\n${value}`, 2000) })),
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*${t('riskSlack.field.status')}*\n${status}`, 3000) },
    },
  ];
  const notes: string[] = [];
  if (alert.clearedSince && (alert.status === 'open' || alert.status === 'acknowledged'))
    notes.push(t('riskSlack.cleared'));
  if (alert.escalationStep >= 2) notes.push(t('riskSlack.escalated.head'));
  else if (alert.escalationStep === 1) notes.push(t('riskSlack.escalated.reminder'));
  if (notes.length)
    blocks.push({ type: 'context', elements: notes.map((text) => ({ type: 'mrkdwn', text })) });

  const open = {
    type: 'button',
    action_id: OPEN_IN_OUTPOST_ACTION_ID,
    text: { type: 'plain_text', text: clip(t('riskSlack.action.open'), 75) },
    url,
  };
  if (alert.status === 'open' || alert.status === 'acknowledged') {
    const elements: Block[] = [];
    if (alert.status === 'open') {
      elements.push({
        type: 'button',
        action_id: RISK_ALERT_ACTION_IDS.acknowledge,
        style: 'primary',
        text: { type: 'plain_text', text: clip(t('riskSlack.action.acknowledge'), 75) },
        value: alert.id,
      });
    }
    elements.push(
      {
        type: 'users_select',
        action_id: RISK_ALERT_ACTION_IDS.assign,
        placeholder: { type: 'plain_text', text: clip(t('riskSlack.action.assign'), 150) },
      },
      {
        type: 'button',
        action_id: RISK_ALERT_ACTION_IDS.resolve,
        text: { type: 'plain_text', text: clip(t('riskSlack.action.resolve'), 75) },
        value: alert.id,
      },
      open,
    );
    blocks.push({ type: 'actions', block_id: riskBlockId(alert.id, options.languages), elements });
  } else {
    blocks.push({ type: 'actions', block_id: riskBlockId(alert.id, options.languages), elements: [open] });
  }
  const text = `${escapeSlackText(title)}\n${status}`;
  return { text, blocks };
}

function statusLines(card: RiskAlertCard, now: Date, locales: readonly Locale[]): string {
  const { alert } = card;
  const line = (locale: Locale) => {
    const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
    switch (alert.status) {
      case 'open':
        return t(alert.responseDeadline < now ? 'riskSlack.status.overdue' : 'riskSlack.status.open');
      case 'acknowledged':
        return t('riskSlack.status.acknowledged', { name: card.acknowledgedByName ?? '—' });
      case 'resolved':
        return alert.resolvedBy
          ? t('riskSlack.status.resolved', {
              name: card.resolvedByName ?? '—',
              note: alert.resolutionNote ?? '',
            })
          : t('riskSlack.status.autoResolved');
      case 'dismissed':
        return t('riskSlack.status.dismissed', {
          name: card.dismissedByName ?? '—',
          reason: alert.dismissalReason ?? '',
        });
    }
  };
  return locales.map((l) => escapeSlackText(line(l))).join('\n');
}

/** The numbers behind the alert in one line: value against threshold where the rule has one. */
export function evidenceLine(evidence: Record<string, unknown>, locale: Locale): string {
  const n = (v: unknown) => (typeof v === 'number' ? formatNumber(locale, v, 2) : null);
  const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
  // Decision record 041: a concentration share, a lapsing contract, a category without one.
  if (typeof evidence.partnerVolume === 'number' && typeof evidence.categoryVolume === 'number')
    return t('risk.evidence.shareLine', {
      percent: n(evidence.percent) ?? '',
      category: String(evidence.serviceCategory ?? ''),
      volume: evidence.partnerVolume,
      total: evidence.categoryVolume,
    });
  if (evidence.state === 'none' && typeof evidence.serviceCategory === 'string')
    return t('risk.evidence.noContractLine', { category: evidence.serviceCategory });
  if (typeof evidence.endDate === 'string' && typeof evidence.reference === 'string') {
    const days = typeof evidence.daysLeft === 'number' ? evidence.daysLeft : 0;
    const left =
      days >= 0 ? t('risk.evidence.daysLeft', { days }) : t('risk.evidence.expiredDays', { days: -days });
    const line = days >= 0 ? 'risk.evidence.contractLine' : 'risk.evidence.contractEndedLine';
    return `${t(line, { reference: evidence.reference, date: formatDay(locale, evidence.endDate) ?? evidence.endDate })}${t('common.parenthetical', { text: left })}`;
  }
  if (typeof evidence.percent === 'number' && typeof evidence.threshold === 'number')
    return t('riskSlack.value.vs', {
      value: `${n(evidence.percent)}%`,
      threshold: `${n(evidence.threshold)}%`,
    });
  if (typeof evidence.value === 'number' && typeof evidence.threshold === 'number')
    return t('riskSlack.value.vs', { value: n(evidence.value)!, threshold: n(evidence.threshold)! });
  if (typeof evidence.value === 'number' && typeof evidence.mean === 'number')
    return `${n(evidence.value)} · ${t('risk.evidence.mean')} ${n(evidence.mean)}`;
  if (typeof evidence.expiryDate === 'string') {
    const days = typeof evidence.daysLeft === 'number' ? evidence.daysLeft : null;
    const left =
      days === null
        ? ''
        : days >= 0
          ? t('risk.evidence.daysLeft', { days })
          : t('risk.evidence.expiredDays', { days: -days });
    return `${t('risk.evidence.expiryDate')} ${formatDay(locale, evidence.expiryDate) ?? evidence.expiryDate}${left ? t('common.parenthetical', { text: left }) : ''}`;
  }
  if (typeof evidence.listedName === 'string')
    return `${t('risk.evidence.listedName')} ${evidence.listedName}`;
  return '—';
}

/**
 * One message for a burst of new alerts to one channel (instead of one message each): how many,
 * the first ones with a link each, and the inbox filtered to the level.
 */
export function riskDigestView(
  cards: RiskAlertCard[],
  options: { level: string; publicUrl: string },
): { text: string; blocks: Block[] } {
  const locales = ['zh-CN', 'en'] as const;
  const base = options.publicUrl.replace(/\/$/, '');
  const t = (key: MessageKey, params?: Params) => locales.map((l) => translate(l, key, params)).join(' / ');
  const title = locales
    .map((l) =>
      translate(l, 'riskSlack.digest.title', {
        count: cards.length,
        level: translate(l, `risk.level.${options.level}` as MessageKey),
      }),
    )
    .join(' / ');
  const shown = cards.slice(0, DIGEST_LINES);
  const lines = shown.map(
    (c) =>
      `• <${base}${c.href}|${escapeSlackText(clip(c.partnerName, 80))}> — ${escapeSlackText(clip(c.ruleNameZh, 60))} / ${escapeSlackText(clip(c.ruleNameEn, 60))}`,
  );
  if (cards.length > shown.length)
    lines.push(t('riskSlack.digest.more', { count: cards.length - shown.length }));
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, 150) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: t('riskSlack.digest.intro') }] },
    { type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), 3000) } },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: OPEN_IN_OUTPOST_ACTION_ID,
          text: { type: 'plain_text', text: clip(t('riskSlack.digest.open'), 75) },
          url: `${base}/s/risk/alerts?level=${options.level}`,
        },
      ],
    },
  ];
  return { text: `${escapeSlackText(title)}\n${lines.join('\n')}`, blocks };
}

/** Lines a digest lists one by one (each a link); the rest are counted. */
export const DIGEST_LINES = 15;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
