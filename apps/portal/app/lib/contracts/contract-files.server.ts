import { type Actor, contractPdfFile, signedContractFile } from '@outpost/core';
import { isLocale, type Locale } from '@outpost/i18n';
import type { PortalDeps } from '../../context';
import { orRouteError } from '../app-error.server';
import { fileResponse } from '../training/file-response.server';

/**
 * The approved version as a PDF, in the language asked for (?lang=zh-CN|en), else the
 * contract's own. Core decides who may read it (staff any, a partner its own from signing on).
 */
export async function contractPdfResponse(
  deps: PortalDeps,
  actor: Actor,
  locale: Locale,
  request: Request,
  contractId: string,
) {
  const lang = new URL(request.url).searchParams.get('lang');
  const file = await orRouteError(locale, () =>
    contractPdfFile(deps.db, actor, contractId, isLocale(lang) ? lang : undefined, versionParam(request)),
  );
  return fileResponse(file);
}

/** The countersigned copy, its SHA-256 checked by core before a byte is served. */
export async function signedContractResponse(
  deps: PortalDeps,
  actor: Actor,
  locale: Locale,
  contractId: string,
  request?: Request,
) {
  const file = await orRouteError(locale, () =>
    signedContractFile(deps.db, actor, deps.storage, contractId, request ? versionParam(request) : undefined),
  );
  return fileResponse(file);
}

/** ?version=N: another version than the one in force (an amendment to sign, an earlier signed copy). */
function versionParam(request: Request) {
  const raw = new URL(request.url).searchParams.get('version');
  if (!raw || !/^\d{1,6}$/.test(raw)) return undefined;
  return Number(raw);
}
