import { VisuallyHidden } from '@outpost/ui';
import { useRef } from 'react';
import { Form } from 'react-router';
import { useT } from '../lib/i18n';
import type { ViewerSummary } from '../lib/root-data';
import { AppLink, NavItemLink } from './app-link';
import { LanguageSwitcher } from './language-switcher';
import { PartnerNavLinks } from './partner/partner-nav-links';
import { useHeaderMenus } from './site-nav/use-header-menus';
import { StaffNavLinks } from './staff/staff-nav-links';

/**
 * Skip link, brand, main navigation (signed in), language switcher and sign-out, on every page.
 * Signed in, everything after the brand sits in one <details> menu: on a wide screen it is
 * always shown as one row; on a phone it collapses behind a "Menu" button, so the header
 * stays one short row (styles.css, work-queue section). No JavaScript is needed to use it.
 */
export function SiteHeader({ viewer, unread }: { viewer: ViewerSummary | null; unread: number }) {
  const t = useT();
  const ref = useRef<HTMLElement>(null);
  useHeaderMenus(ref);
  return (
    <header className="site-header" ref={ref}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <div className="site-header__bar">
        <AppLink to={viewer?.home ?? '/'} className="brand">
          <span className="brand__mark" aria-hidden="true" />
          {t('app.name')}
        </AppLink>
        {viewer ? (
          <details className="site-menu">
            <summary className="site-menu__button">
              <span className="site-menu__icon" aria-hidden="true" />
              {t('work-queue.nav.menu')}
              {unread > 0 ? (
                <span className="count-badge" aria-hidden="true">
                  {unread > 99 ? '99+' : unread}
                </span>
              ) : null}
            </summary>
            <div className="site-menu__panel">
              <nav aria-label={t('nav.main')} className="main-nav">
                <ul className="main-nav__list">
                  {viewer.kind === 'staff' ? (
                    <StaffNavLinks may={viewer.may} />
                  ) : (
                    <>
                      <li>
                        <NavItemLink to={viewer.home} end>
                          {t('nav.home')}
                        </NavItemLink>
                      </li>
                      <PartnerNavLinks />
                    </>
                  )}
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
              <div className="site-header__tools">
                <LanguageSwitcher />
                <Form method="post" action="/sign-out" className="sign-out">
                  <span className="sign-out__who" title={viewer.email}>
                    {viewer.displayName}
                  </span>
                  <button type="submit" className="button button--quiet">
                    {t('auth.signOut')}
                  </button>
                </Form>
              </div>
            </div>
          </details>
        ) : (
          <div className="site-header__tools">
            <LanguageSwitcher />
          </div>
        )}
      </div>
    </header>
  );
}
