// Risk incidents (issue 12 part B, decision record 035): incidents, remediation tasks, emergency plans.
export * from './incidents.ts';
export * from './plans.ts';
export * from './read.ts';
export * from './reminders.ts';
export * from './tasks.ts';
