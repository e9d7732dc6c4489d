import type { IncentiveTierSet } from '@outpost/db';
import { Form } from 'react-router';
import { useT } from '../../lib/i18n';
import { TIER_ROWS } from '../../lib/incentives/tier-rows';

const money = (cents: number | undefined) => (cents === undefined ? '' : String(cents / 100));
const num = (n: number | undefined) => (n === undefined ? '' : String(n));

/**
 * The configuration form of one category: basis, up to six tier rows (blank rows are ignored),
 * the fee base without a contract, the approval threshold and the approvers. Pre-filled from the
 * version in force; saving always makes the next version.
 */
export function TierForm({
  category,
  current,
  staff,
}: {
  category: string;
  current: Pick<
    IncentiveTierSet,
    'basis' | 'tiers' | 'baseAnnualFeeCents' | 'approvalThresholdCents' | 'approverIds'
  > | null;
  staff: { id: string; displayName: string }[];
}) {
  const t = useT();
  const rows = Array.from({ length: TIER_ROWS }, (_, i) => ({
    row: `tier-row-${i}`,
    tier: current?.tiers[i],
  }));
  const flags = [
    'routingPriority',
    'recognition',
    'rectification',
    'suspension',
    'terminationReview',
  ] as const;
  const flagLabel = {
    routingPriority: t('incentives.tiers.routing'),
    recognition: t('incentives.tiers.recognition'),
    rectification: t('incentives.tiers.rectification'),
    suspension: t('incentives.tiers.suspension'),
    terminationReview: t('incentives.tiers.termination'),
  };
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="tiers" />
      <input type="hidden" name="serviceCategory" value={category} />
      <div className="ui-field">
        <label htmlFor="tier-basis">{t('incentives.tiers.basis')}</label>
        <select id="tier-basis" name="basis" defaultValue={current?.basis ?? 'score'}>
          <option value="score">{t('incentives.tiers.basis.score')}</option>
          <option value="grade">{t('incentives.tiers.basis.grade')}</option>
        </select>
      </div>
      {rows.map(({ row, tier }, i) => (
        <fieldset key={row} className="stack">
          <legend>
            {t('incentives.tiers.name')} {i + 1}
          </legend>
          <div className="filters">
            <Field id={`tier.${i}.name`} label={t('incentives.tiers.name')} value={tier?.name ?? ''} />
            <Field
              id={`tier.${i}.grades`}
              label={t('incentives.tiers.grades')}
              value={tier?.grades?.join(',') ?? ''}
            />
            <Field id={`tier.${i}.min`} label={t('incentives.tiers.min')} value={num(tier?.minScore)} />
            <Field id={`tier.${i}.max`} label={t('incentives.tiers.max')} value={num(tier?.maxScore)} />
            <Field
              id={`tier.${i}.weight`}
              label={t('incentives.tiers.weight')}
              value={num(tier?.businessWeight)}
            />
            <Field
              id={`tier.${i}.bonus`}
              label={t('incentives.tiers.bonus')}
              value={money(tier?.bonusCents)}
            />
            <Field
              id={`tier.${i}.bonusPercent`}
              label={t('incentives.tiers.bonusPercent')}
              value={num(tier?.bonusPercentOfFees)}
            />
            <Field
              id={`tier.${i}.deduction`}
              label={t('incentives.tiers.deduction')}
              value={money(tier?.deductionCents)}
            />
            <Field
              id={`tier.${i}.deductionPercent`}
              label={t('incentives.tiers.deductionPercent')}
              value={num(tier?.deductionPercentOfFees)}
            />
          </div>
          <div className="filters">
            {flags.map((f) => (
              <label key={f}>
                <input type="checkbox" name={`tier.${i}.${f}`} defaultChecked={tier?.[f] === true} />{' '}
                {flagLabel[f]}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="filters">
        <Field
          id="baseFee"
          label={t('incentives.tiers.baseFee')}
          value={money(current?.baseAnnualFeeCents)}
        />
        <Field
          id="threshold"
          label={t('incentives.tiers.threshold')}
          value={money(current?.approvalThresholdCents)}
        />
      </div>
      <fieldset className="checkbox-group">
        <legend>{t('incentives.tiers.approvers')}</legend>
        {staff.map((s) => (
          <label key={s.id} className="checkbox">
            <input
              type="checkbox"
              name="approverIds"
              value={s.id}
              defaultChecked={current?.approverIds.includes(s.id) ?? false}
            />
            <span>{s.displayName}</span>
          </label>
        ))}
      </fieldset>
      <p>
        <button type="submit" className="button button--primary">
          {t('incentives.tiers.save')}
        </button>
      </p>
    </Form>
  );
}

function Field({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="ui-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={id}
        defaultValue={value}
        inputMode={id.endsWith('name') || id.endsWith('grades') ? 'text' : 'decimal'}
      />
    </div>
  );
}
