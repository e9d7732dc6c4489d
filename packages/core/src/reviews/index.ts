export * from './complete.ts';
export * from './draft.ts';
export * from './quarters.ts';
export * from './read.ts';
export * from './rectification.ts';
export * from './respond.ts';
export * from './reminders.ts';
export * from './refresh-snapshots.ts';
