export * from './drill-down.ts';
export * from './event-schema.ts';
// CSV/XLSX import of events by staff: file → rows → the API's own validation.
export * from './import-events.ts';
export * from './import-table.ts';
export * from './ingest.ts';
export * from './kpi-values.ts';
export * from './kpis.ts';
export * from './peer-scores.ts';
export * from './periods.ts';
export * from './ranking.ts';
// Deterministic sample events: the demo seed, tests and the benchmark use them.
export * from './sample-events.ts';
export * from './scorecard.ts';
export * from './validate-batch.ts';
export * from './event-issues.ts';
