import type { FileStorage, SlackGateway } from '@outpost/core';
import type { Database } from '@outpost/db';
import type { Locale } from '@outpost/i18n';
import { createContext } from 'react-router';
import type { Viewer } from './lib/viewer.server';

/**
 * What the server hands the portal for every request (see createLoadContext in
 * entry.server.tsx). Declared here rather than imported from apps/server so the
 * portal does not depend on the process that hosts it.
 */
export interface PortalDeps {
  db: Database;
  slack: SlackGateway | null;
  /** Uploaded documents (local disk or S3-compatible). */
  storage: FileStorage;
  /** The public base URL, e.g. https://outpost.example.com (no trailing slash). */
  publicUrl: string;
  /** Largest accepted document upload, in bytes. */
  uploadMaxBytes: number;
  /** False when SMTP is not configured: invitation links are shown to the inviter to pass on. */
  mailEnabled: boolean;
}

export const depsContext = createContext<PortalDeps>();

/** The signed-in person and their session; null when signed out. Set by the root middleware. */
export const viewerContext = createContext<Viewer | null>(null);

/** The language this request is answered in. Set by the root middleware. */
export const localeContext = createContext<Locale>('zh-CN');
