// Termination cases (issue 15, decision record 049).
export * from './approval-messages.ts';
export * from './approvals.ts';
export * from './cases.ts';
export * from './checklist.ts';
export * from './handover.ts';
export * from './notice.ts';
export * from './read.ts';
export * from './reminders.ts';
export * from './revoke.ts';
export * from './successor.ts';
export { defaultChecklist } from './settings.ts';
export * from './settings-admin.ts';
