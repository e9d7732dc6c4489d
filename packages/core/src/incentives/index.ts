export * from './allocation.ts';
export * from './allocation-shares.ts';
export * from './apply.ts';
export * from './approvals.ts';
export * from './messages.ts';
export * from './read.ts';
export * from './tiers.ts';
