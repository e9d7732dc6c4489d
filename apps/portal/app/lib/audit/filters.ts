import type { AuditSearchFilters } from '@outpost/core';

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
