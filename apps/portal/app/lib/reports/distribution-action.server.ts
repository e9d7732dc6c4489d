import { setSetting } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

/**
 * One address a line, optionally followed by its language (`en` or `zh-CN`, default Chinese):
 * `cfo@insurer.example en`. Blank lines are ignored.
 */
export function parseRecipients(raw: string) {
  return raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [email = '', lang] = line.split(/[\s,;]+/);
      return { email, locale: lang === 'en' ? 'en' : 'zh-CN' };
    });
}

/** Where the quarterly management report goes (decision record 051): the Slack channel id and the e-mail list. */
export async function saveReportDistributionAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  try {
    await setSetting(deps.db, viewer.person.actor, 'reports.distribution', {
      slackChannel: text(form, 'slackChannel').trim() || null,
      emails: parseRecipients(text(form, 'emails')),
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      slackChannel: 'reports.settings.channelInvalid',
      emails: 'reports.settings.emailsInvalid',
    });
    if (!mapped) throw error;
    return { intent: 'reportDistribution', status: mapped.status, errors: mapped.errors };
  }
  return {
    intent: 'reportDistribution',
    status: 200,
    notice: translate(locale, 'staff-portal.settings.saved'),
  };
}
