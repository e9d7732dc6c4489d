import { isUuid, listInbox, markRead } from '@outpost/core';
import { formatDateTime, withDaysFormatted } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { Form, Link, useSearchParams } from 'react-router';
import { PageLinks } from '../components/page-links';
import { depsContext, localeContext } from '../context';
import { formText } from '../lib/app-error.server';
import { useT } from '../lib/i18n';
import { pageCount, pageParam } from '../lib/search-params';
import { safeRedirectPath } from '../lib/safe-redirect';
import { requireViewer } from '../lib/viewer.server';
import type { Route } from './+types/inbox';

const PAGE_SIZE = 20;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireViewer(context, request);
  const locale = context.get(localeContext);
  const inbox = await listInbox(
    context.get(depsContext).db,
    person.actor,
    pageParam(new URL(request.url).searchParams),
    PAGE_SIZE,
  );
  return {
    unread: inbox.unread,
    total: inbox.total,
    page: inbox.page,
    pages: pageCount(inbox.total, PAGE_SIZE),
    items: inbox.items.map((n) => ({
      id: n.id,
      template: n.template,
      params: withDaysFormatted(locale, n.params),
      // Links are written by the server, but only ever follow one that stays on this site.
      link: n.link ? safeRedirectPath(n.link, '') || null : null,
      read: n.readAt !== null,
      createdAt: n.createdAt.toISOString(),
      // Formatted here so server and browser render the same text (ICU versions differ).
      when: formatDateTime(locale, n.createdAt),
    })),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { person } = requireViewer(context, request);
  const form = await request.formData();
  const { db } = context.get(depsContext);
  if (formText(form, 'intent') === 'all') {
    await markRead(db, person.actor);
  } else {
    const id = formText(form, 'id');
    // markRead scopes by recipient, so another person's id simply changes nothing.
    if (isUuid(id)) await markRead(db, person.actor, id);
  }
  return { ok: true };
}

/** The person's notifications, newest first, written in their language when shown. */
export default function Inbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { items, unread, page, pages } = loaderData;
  return (
    <div className="page">
      <title>{`${t('inbox.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <h1>{t('inbox.title')}</h1>
          <p className="muted">{t('inbox.unread', { count: unread })}</p>
        </div>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" name="intent" value="all" className="button">
              {t('inbox.markAllRead')}
            </button>
          </Form>
        ) : null}
      </header>

      {items.length === 0 ? (
        <EmptyState title={t('inbox.empty')} />
      ) : (
        <ul className="inbox">
          {items.map((n) => (
            <li key={n.id} className={n.read ? 'inbox__item' : 'inbox__item inbox__item--unread'}>
              <div className="inbox__body">
                {n.read ? null : <span className="visually-hidden">{t('inbox.unreadItem')}</span>}
                <p className="inbox__text" id={`notification-${n.id}`}>
                  {t(n.template as never, n.params)}
                </p>
                <p className="inbox__meta">
                  <time dateTime={n.createdAt}>{n.when}</time>
                  {n.link ? (
                    <>
                      {' · '}
                      <Link to={n.link}>{t('notify.open')}</Link>
                    </>
                  ) : null}
                </p>
              </div>
              {n.read ? null : (
                <Form method="post">
                  <input type="hidden" name="id" value={n.id} />
                  <button
                    type="submit"
                    className="button button--quiet button--small"
                    aria-describedby={`notification-${n.id}`}
                  >
                    {t('inbox.markRead')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}

      <PageLinks page={page} pages={pages} params={params} />
    </div>
  );
}
