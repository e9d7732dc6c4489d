import { type AuditSearchFilters, type ExternalCheckpoint, parseCheckpointLine } from '@outpost/core';

const filterNames = ['actor', 'partnerId', 'entityType', 'entityId', 'action', 'from', 'to'] as const;

/** The audit search's filters from the query string (the page, its pages and the export carry the same). */
export function auditFiltersOf(params: URLSearchParams): AuditSearchFilters {
  const filters: Record<string, string> = {};
  for (const name of filterNames) {
    const v = params.get(name);
    if (v) filters[name] = v;
  }
  return filters;
}

/**
 * Checkpoints kept outside the database, pasted one per line (as the audit-checkpoint job posts
 * them; the CLI's `--checkpoint`). `bad` when a non-empty line is not one.
 */
export function externalCheckpointsOf(params: URLSearchParams): {
  checkpoints: ExternalCheckpoint[];
  bad: boolean;
} {
  const lines = (params.get('checkpoints') ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 100);
  const checkpoints = lines.map(parseCheckpointLine);
  return {
    checkpoints: checkpoints.filter((c): c is ExternalCheckpoint => c !== null),
    bad: checkpoints.some((c) => c === null),
  };
}
