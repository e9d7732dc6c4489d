import { can, unreadCount } from '@outpost/core';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from 'react-router';
import type { Route } from './+types/root';
import { ClientNavigation } from './components/app-link';
import { ErrorPage } from './components/error-page';
import { SiteHeader } from './components/site-header';
import { depsContext, localeContext, viewerContext } from './context';
import { LocaleContext, useRequestLocale } from './lib/i18n';
import { requestMiddleware } from './lib/request-middleware.server';
import type { RootData } from './lib/root-data';
import { homePath } from './lib/viewer.server';
import stylesHref from './styles.css?url';

export const middleware: Route.MiddlewareFunction[] = [requestMiddleware];

// Inlined so the browser never asks for /favicon.ico (which is not under /assets/).
const favicon =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%23114b7a'/%3E%3Cpath d='M16 6l9 5v10l-9 5-9-5V11z' fill='none' stroke='%23fff' stroke-width='2.5'/%3E%3C/svg%3E";

export const links: Route.LinksFunction = () => [
  { rel: 'icon', href: favicon, type: 'image/svg+xml' },
  { rel: 'stylesheet', href: stylesHref },
];

export async function loader({ context, request }: Route.LoaderArgs): Promise<RootData> {
  const viewer = context.get(viewerContext);
  const locale = context.get(localeContext);
  if (!viewer) return { locale, viewer: null, unread: 0 };
  const { user, actor } = viewer.person;
  return {
    locale,
    viewer: {
      displayName: user.displayName,
      email: user.email,
      kind: user.kind,
      home: homePath(viewer),
      may: {
        importEvents: can(actor, 'ingest:events:any'),
        manageSettings: can(actor, 'manage:requirements'),
        manageTraining: can(actor, 'manage:training'),
        readReports: can(actor, 'read:reports'),
        readAudit: can(actor, 'read:audit'),
      },
    },
    // Read with the session, unless an action of this same request may have changed it.
    unread:
      request.method === 'GET' || request.method === 'HEAD'
        ? viewer.unread
        : await unreadCount(context.get(depsContext).db, actor),
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const locale = useRequestLocale();
  const root = useRouteLoaderData<RootData>('root');
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <LocaleContext value={locale}>
          <ClientNavigation>
            <SiteHeader viewer={root?.viewer ?? null} unread={root?.unread ?? 0} />
            <main id="main" tabIndex={-1}>
              {children}
            </main>
          </ClientNavigation>
        </LocaleContext>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage error={error} />;
}
