export * from './document-checklist.ts';
export * from './partner-next-steps.ts';
export * from './registry.ts';
export * from './staff-queue.ts';
export * from './types.ts';
