export * from './arrangement-fields.ts';
export * from './arrangements.ts';
export * from './completeness.ts';
export * from './dora-export.ts';
export * from './dora-templates.ts';
export * from './eba-export.ts';
export * from './partner-fields.ts';
export * from './record.ts';
