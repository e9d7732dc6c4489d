import { can, listBlacklist } from '@outpost/core';
import { formatDateTime } from '@outpost/i18n';
import { Alert, Badge, EmptyState, TextField } from '@outpost/ui';
import { Form, useNavigation, useSearchParams } from 'react-router';
import { PageLinks } from '../../components/page-links';
import { CheckboxField, TextAreaField } from '../../components/staff/fields';
import { FormOutcome, fieldErrorsOf } from '../../components/staff/form-outcome';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { flagParam, pageInfo, pageParam, queryParam } from '../../lib/search-params';
import type { StaffActionData } from '../../lib/staff/action-result';
import { type BlacklistExtra, blacklistActions } from '../../lib/staff/blacklist-actions.server';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/blacklist';
import { AppLink } from '../../components/app-link';
import { FilterCheck, ListFilters, SearchField } from '../../components/list-filters';

const PAGE_SIZE = 20;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  const q = queryParam(params);
  const includeRemoved = flagParam(params, 'removed');
  const result = await orRouteError(locale, () =>
    listBlacklist(context.get(depsContext).db, person.actor, {
      q: q || undefined,
      includeRemoved,
      page: pageParam(params),
      pageSize: PAGE_SIZE,
    }),
  );
  return {
    q,
    includeRemoved,
    ...pageInfo(result, PAGE_SIZE),
    entries: result.items.map((e) => ({
      id: e.id,
      creditCode: e.creditCode,
      name: e.name,
      reason: e.reason,
      evidence: e.evidence,
      addedAt: formatDateTime(locale, e.createdAt),
      removedAt: e.removedAt ? formatDateTime(locale, e.removedAt) : null,
      removalReason: e.removalReason,
    })),
    may: { add: can(person.actor, 'manage:blacklist'), remove: can(person.actor, 'remove:blacklist') },
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, blacklistActions);
}

/** The Do-Not-Contract list (黑名单): searchable, exportable, added to by risk staff and cleared only by administrators. */
export default function StaffBlacklist({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const result = actionData as StaffActionData<BlacklistExtra> | undefined;
  const { entries, total, page, pages, may } = loaderData;
  const addErrors = fieldErrorsOf(result, 'add');
  const filtered = Boolean(loaderData.q) || loaderData.includeRemoved;
  // The file speaks the page's language (headers) and shows Beijing time like the page.
  const exportHref = `/api/v1/blacklist/export.csv?locale=${locale}${loaderData.includeRemoved ? '&includeRemoved=true' : ''}`;
  // A new key after a successful add empties the form for the next entry.
  const addFormKey = result?.intent === 'add' && result.notice ? `add-${result.at}` : 'add';
  const preview = result?.intent === 'preview' ? result.extra?.preview : undefined;
  return (
    <div className="page">
      <title>{`${t('staff-portal.blacklist.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('staff.homeTitle')}</p>
          <h1>{t('staff-portal.blacklist.title')}</h1>
          <p className="muted">{t('staff-portal.blacklist.intro')}</p>
        </div>
        <a className="button" href={exportHref} download>
          {t('staff-portal.blacklist.export')}
        </a>
      </header>

      <ListFilters
        label={t('staff-portal.blacklist.search')}
        submitLabel={t('common.search')}
        clear={filtered ? { to: '/s/blacklist', label: t('staff.clearSearch') } : null}
      >
        <SearchField
          id="blacklist-q"
          label={t('staff-portal.blacklist.search')}
          defaultValue={loaderData.q}
        />
        <FilterCheck
          name="removed"
          label={t('staff-portal.blacklist.includeRemoved')}
          defaultChecked={loaderData.includeRemoved}
        />
      </ListFilters>

      <FormOutcome result={result} intent="remove" />
      <p className="muted" role="status">
        {t('staff-portal.blacklist.count', { count: total })}
      </p>

      {entries.length === 0 ? (
        <EmptyState
          title={filtered ? t('staff-portal.blacklist.noMatches') : t('staff-portal.blacklist.empty')}
        />
      ) : (
        <ul className="staff-entries" aria-label={t('staff-portal.blacklist.title')}>
          {entries.map((e) => {
            const removeErrors = fieldErrorsOf(result, 'remove', e.id);
            return (
              <li key={e.id} className="card staff-entry">
                <div className="staff-doc__head">
                  <h2 className="staff-entry__name">{e.name}</h2>
                  <span className="mono">{e.creditCode}</span>
                  {e.removedAt ? (
                    <Badge tone="neutral">{t('staff-portal.blacklist.removedBadge')}</Badge>
                  ) : (
                    <Badge tone="negative">{t('staff-portal.blacklist.liveBadge')}</Badge>
                  )}
                </div>
                <p>
                  <strong>{t('staff-portal.blacklist.reason')}</strong> {e.reason}
                </p>
                {e.evidence ? (
                  <p className="staff-prose">
                    <strong>{t('staff-portal.blacklist.evidence')}</strong> {e.evidence}
                  </p>
                ) : null}
                <p className="muted">{t('staff-portal.blacklist.addedAt', { when: e.addedAt })}</p>
                {e.removedAt ? (
                  <p className="muted">
                    {t('staff-portal.blacklist.removedAt', {
                      when: e.removedAt,
                      reason: e.removalReason ?? '',
                    })}
                  </p>
                ) : may.remove ? (
                  <details className="staff-return" open={Object.keys(removeErrors).length > 0 || undefined}>
                    <summary>{t('staff-portal.blacklist.remove', { name: e.name })}</summary>
                    <Form method="post" noValidate preventScrollReset className="stack">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="target" value={e.id} />
                      <input type="hidden" name="entryId" value={e.id} />
                      <TextAreaField
                        name="reason"
                        label={t('staff-portal.blacklist.removalReason')}
                        rows={2}
                        maxLength={2000}
                        error={removeErrors.reason}
                      />
                      <CheckboxField
                        name="confirm"
                        label={t('staff-portal.blacklist.confirmRemove', { name: e.name })}
                        error={removeErrors.confirm}
                      />
                      <div>
                        <button type="submit" className="button staff-danger">
                          {t('staff-portal.blacklist.removeSubmit')}
                        </button>
                      </div>
                    </Form>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

      <PageLinks page={page} pages={pages} params={params} />

      {may.add ? (
        <section className="card stack" aria-labelledby="blacklist-add">
          <h2 id="blacklist-add">{t('staff-portal.blacklist.add')}</h2>
          <FormOutcome result={result} intent="add" />
          {result?.intent === 'add' && result.extra?.suspended?.length ? (
            <Alert tone="info" title={t('staff-portal.blacklist.suspended')}>
              <ul>
                {result.extra.suspended.map((p) => (
                  <li key={p.id}>
                    <AppLink to={`/s/partners/${p.id}`}>{p.legalName}</AppLink>
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {preview ? <BlacklistPreview preview={preview} /> : null}
          <Form
            method="post"
            noValidate
            className="stack"
            key={addFormKey}
            hidden={preview ? true : undefined}
          >
            <input type="hidden" name="intent" value="preview" />
            <TextField
              name="creditCode"
              label={t('partner.creditCode')}
              required
              maxLength={30}
              autoComplete="off"
              error={addErrors.creditCode}
            />
            <TextField
              name="name"
              label={t('staff-portal.blacklist.name')}
              required
              maxLength={200}
              error={addErrors.name}
            />
            <TextAreaField
              name="reason"
              label={t('staff-portal.blacklist.reason')}
              hint={t('staff-portal.blacklist.reasonHint')}
              rows={3}
              maxLength={2000}
              error={addErrors.reason}
            />
            <TextAreaField
              name="evidence"
              label={t('staff-portal.blacklist.evidence')}
              hint={t('staff-portal.blacklist.evidenceHint')}
              rows={3}
              maxLength={4000}
              error={addErrors.evidence}
            />
            <div>
              <button
                type="submit"
                className="button button--primary"
                disabled={navigation.state === 'submitting'}
              >
                {t('partner-status.blacklist.preview')}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

type Preview = NonNullable<BlacklistExtra['preview']>;

/** The confirmation step: every partner the entry would suspend, and what that does, before anything changes. */
function BlacklistPreview({ preview }: { preview: Preview }) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="blacklist-preview">
      <h3 id="blacklist-preview">{t('partner-status.blacklist.previewTitle')}</h3>
      <p>
        <strong>{preview.name}</strong> · <span className="mono">{preview.creditCode}</span>
      </p>
      {preview.matches.length === 0 ? (
        <Alert tone="info">{t('partner-status.blacklist.noMatches')}</Alert>
      ) : (
        <Alert tone="info" title={t('partner-status.blacklist.matches', { count: preview.matches.length })}>
          <ul aria-label={t('partner-status.blacklist.previewTitle')}>
            {preview.matches.map((m) => (
              <li key={m.id}>
                <AppLink to={`/s/partners/${m.id}`}>
                  {t('partner-status.blacklist.match', {
                    name: m.legalName,
                    creditCode: m.creditCode,
                    status: m.status,
                    criticality: m.criticality,
                  })}
                </AppLink>{' '}
                {t('partner-status.blacklist.openApplications', { count: m.openApplications })}
              </li>
            ))}
          </ul>
          <p>{t('partner-status.blacklist.impact')}</p>
        </Alert>
      )}
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="confirmed" value="on" />
        <input type="hidden" name="creditCode" value={preview.creditCode} />
        <input type="hidden" name="name" value={preview.name} />
        <input type="hidden" name="reason" value={preview.reason} />
        <input type="hidden" name="evidence" value={preview.evidence} />
        {preview.matches.length > 0 ? (
          <TextAreaField
            name="partnerReason"
            label={t('partner-status.blacklist.partnerReason')}
            defaultValue={preview.reason}
            rows={3}
            maxLength={2000}
          />
        ) : null}
        <div className="button-row">
          <button type="submit" className="button staff-danger">
            {t('partner-status.blacklist.confirm')}
          </button>{' '}
          <AppLink to="/s/blacklist" className="button button--quiet">
            {t('partner-status.blacklist.back')}
          </AppLink>
        </div>
      </Form>
    </section>
  );
}
