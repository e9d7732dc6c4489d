import {
  confirmTotpSetup,
  disableTotp,
  mfaRequirement,
  regenerateRecoveryCodes,
  startTotpSetup,
} from '@outpost/auth';
import { type Locale, translate } from '@outpost/i18n';
import type { PortalDeps } from '../context';
import { appErrorToForm, formText } from './app-error.server';
import type { FormErrors } from './form-errors';
import type { Viewer } from './viewer.server';

/** The forms of the two-step sign-in page (routes/account-mfa.tsx); thin over packages/auth/src/mfa.ts. */
export type MfaIntent = 'start' | 'confirm' | 'regenerate' | 'disable';

export interface MfaResult {
  intent: MfaIntent;
  status: number;
  notice?: string;
  errors?: FormErrors;
  /** Recovery codes, shown this once. */
  recoveryCodes?: string[];
}

interface Args {
  deps: PortalDeps;
  viewer: Viewer;
  locale: Locale;
  form: FormData;
}

async function guarded(intent: MfaIntent, locale: Locale, run: () => Promise<MfaResult>): Promise<MfaResult> {
  try {
    return await run();
  } catch (error) {
    const mapped = appErrorToForm(error, locale);
    if (!mapped) throw error;
    return { intent, status: mapped.status, errors: mapped.errors };
  }
}

const codeOf = (form: FormData, locale: Locale, intent: MfaIntent): MfaResult | string => {
  const code = formText(form, 'code').trim();
  return code
    ? code
    : { intent, status: 400, errors: { fields: { code: translate(locale, 'mfa.step.codeRequired') } } };
};

export const mfaActions: Record<MfaIntent, (args: Args) => Promise<MfaResult>> = {
  start: ({ deps, viewer, locale }) =>
    guarded('start', locale, async () => {
      await startTotpSetup(deps.db, viewer.person.actor, viewer.person.user.email);
      return { intent: 'start', status: 200 };
    }),
  confirm: ({ deps, viewer, locale, form }) => {
    const code = codeOf(form, locale, 'confirm');
    if (typeof code !== 'string') return Promise.resolve(code);
    return guarded('confirm', locale, async () => {
      const recoveryCodes = await confirmTotpSetup(deps.db, viewer.person.actor, { code });
      return { intent: 'confirm', status: 200, notice: translate(locale, 'mfa.setup.done'), recoveryCodes };
    });
  },
  regenerate: ({ deps, viewer, locale, form }) => {
    const code = codeOf(form, locale, 'regenerate');
    if (typeof code !== 'string') return Promise.resolve(code);
    return guarded('regenerate', locale, async () => {
      const recoveryCodes = await regenerateRecoveryCodes(deps.db, viewer.person.actor, { code });
      return {
        intent: 'regenerate',
        status: 200,
        notice: translate(locale, 'mfa.setup.regenerated'),
        recoveryCodes,
      };
    });
  },
  disable: ({ deps, viewer, locale, form }) => {
    const code = codeOf(form, locale, 'disable');
    if (typeof code !== 'string') return Promise.resolve(code);
    return guarded('disable', locale, async () => {
      await disableTotp(deps.db, viewer.person.actor, { code });
      const { required } = await mfaRequirement(deps.db, viewer.person.actor);
      return {
        intent: 'disable',
        status: 200,
        notice: translate(locale, required ? 'mfa.setup.requiredNotice' : 'mfa.setup.disabled'),
      };
    });
  },
};
