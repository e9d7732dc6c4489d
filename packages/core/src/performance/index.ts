export * from './drill-down.ts';
export * from './event-schema.ts';
export * from './ingest.ts';
export * from './kpi-values.ts';
export * from './kpis.ts';
export * from './periods.ts';
export * from './ranking.ts';
// Deterministic sample events: the demo seed, tests and the benchmark use them.
export * from './sample-events.ts';
export * from './scorecard.ts';
export * from './validate-batch.ts';
