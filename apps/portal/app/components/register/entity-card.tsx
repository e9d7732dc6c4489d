import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { InputField } from '../staff/fields';
import { fieldErrorsOf } from '../staff/form-outcome';

type CardProps = {
  id: string;
  title: string;
  hint: string;
  intent: string;
  formKey: string;
  result: StaffActionData | undefined;
  busy: boolean;
  children: ReactNode;
};

export interface OurEntityValue {
  nameZh: string;
  nameEn: string;
  lei: string;
  country: string;
  competentAuthority: string;
  entityType: string;
}

/** The settings card for `register.entity` (decision record 060): the insurer keeping the register. */
export function OurEntityCard({
  value,
  types,
  result,
  busy,
  Card,
}: {
  value: OurEntityValue | null;
  /** Core's types of entity, from the loader (the page's bundle does not take core with it). */
  types: readonly string[];
  result: StaffActionData | undefined;
  busy: boolean;
  Card: (props: CardProps) => ReactNode;
}) {
  const t = useT();
  const errors = fieldErrorsOf(result, 'ourEntity');
  const v = value ?? { nameZh: '', nameEn: '', lei: '', country: '', competentAuthority: '', entityType: '' };
  return (
    <Card
      id="our-entity-heading"
      title={t('register.entity.title')}
      hint={t('register.entity.hint')}
      intent="ourEntity"
      formKey={`entity-${JSON.stringify(v)}`}
      result={result}
      busy={busy}
    >
      <div className="staff-row">
        <InputField
          name="nameZh"
          label={t('register.entity.nameZh')}
          defaultValue={v.nameZh}
          maxLength={200}
          error={errors.nameZh}
        />
        <InputField
          name="nameEn"
          label={t('register.entity.nameEn')}
          hint={t('register.entity.nameEnHint')}
          defaultValue={v.nameEn}
          maxLength={200}
          error={errors.nameEn}
        />
      </div>
      <div className="staff-row">
        <InputField
          name="lei"
          label={t('register.entity.lei')}
          hint={t('register.entity.leiHint')}
          defaultValue={v.lei}
          maxLength={30}
          autoComplete="off"
          error={errors.lei}
        />
        <InputField
          name="country"
          label={t('register.entity.country')}
          hint={t('register.entity.countryHint')}
          defaultValue={v.country}
          maxLength={2}
          error={errors.country}
        />
      </div>
      <InputField
        name="competentAuthority"
        label={t('register.entity.competentAuthority')}
        defaultValue={v.competentAuthority}
        maxLength={200}
        error={errors.competentAuthority}
      />
      <div className={errors.entityType ? 'ui-field ui-field--invalid' : 'ui-field'}>
        <label htmlFor="our-entity-type">{t('register.entity.entityType')}</label>
        <select
          id="our-entity-type"
          name="entityType"
          defaultValue={v.entityType}
          aria-invalid={errors.entityType ? true : undefined}
          aria-describedby={errors.entityType ? 'our-entity-type-error' : undefined}
        >
          <option value="" />
          {types.map((code) => (
            <option key={code} value={code}>
              {t(`register.entity.type.${code}` as never)}
            </option>
          ))}
        </select>
        {errors.entityType ? (
          <p id="our-entity-type-error" className="ui-field__error">
            {errors.entityType}
          </p>
        ) : null}
      </div>
    </Card>
  );
}
