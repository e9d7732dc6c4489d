import { VisuallyHidden } from '@outpost/ui';
import { Form } from 'react-router';
import { useT } from '../lib/i18n';
import { AppLink, NavItemLink } from './app-link';
import type { ViewerSummary } from '../lib/root-data';
import { LanguageSwitcher } from './language-switcher';
import { PartnerNavLinks } from './partner/partner-nav-links';
import { StaffNavLinks } from './staff/staff-nav-links';

/** Skip link, brand, main navigation (signed in), language switcher and sign-out, on every page. */
export function SiteHeader({ viewer, unread }: { viewer: ViewerSummary | null; unread: number }) {
  const t = useT();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <div className="site-header__bar">
        <AppLink to={viewer?.home ?? '/'} className="brand">
          <span className="brand__mark" aria-hidden="true" />
          {t('app.name')}
        </AppLink>
        {viewer ? (
          <nav aria-label={t('nav.main')} className="main-nav">
            <ul>
              {viewer.kind === 'staff' ? (
                <StaffNavLinks />
              ) : (
                <li>
                  <NavItemLink to={viewer.home} end>
                    {t('nav.home')}
                  </NavItemLink>
                </li>
              )}
              {viewer.kind === 'partner' ? <PartnerNavLinks /> : null}
              <li>
                <NavItemLink to="/inbox">
                  {t('nav.inbox')}
                  {unread > 0 ? (
                    <span className="count-badge">
                      <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
                      <VisuallyHidden>{t('inbox.unread', { count: unread })}</VisuallyHidden>
                    </span>
                  ) : null}
                </NavItemLink>
              </li>
              <li>
                <NavItemLink to="/account">{t('nav.account')}</NavItemLink>
              </li>
            </ul>
          </nav>
        ) : null}
        <div className="site-header__tools">
          <LanguageSwitcher />
          {viewer ? (
            <Form method="post" action="/sign-out" className="sign-out">
              <span className="sign-out__who" title={viewer.email}>
                {viewer.displayName}
              </span>
              <button type="submit" className="button button--quiet">
                {t('auth.signOut')}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </header>
  );
}
