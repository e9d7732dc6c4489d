import type { Locale } from '@outpost/i18n';

/** What the root loader sends to every page: enough for the header, nothing secret. */
export interface RootData {
  locale: Locale;
  viewer: ViewerSummary | null;
  unread: number;
}

export interface ViewerSummary {
  displayName: string;
  email: string;
  kind: 'staff' | 'partner';
  home: string;
  /** Header links to pages only some staff may open (the others would answer 403). */
  may: {
    importEvents: boolean;
    manageSettings: boolean;
    manageTraining?: boolean;
    readReports?: boolean;
    readAudit?: boolean;
  };
}
