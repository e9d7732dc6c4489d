// Supervision tasks of the supervision group (issue 16, decision record 053).
export * from './reminders.ts';
export * from './task-input.ts';
export * from './tasks.ts';
