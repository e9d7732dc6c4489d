import type { Locale } from '@outpost/i18n';
import type { PortalDeps } from '../../context';
import type { Viewer } from '../viewer.server';

/** What every staff form handler receives. */
export interface StaffActionArgs {
  deps: PortalDeps;
  viewer: Viewer;
  locale: Locale;
  form: FormData;
}
