export * from './audience.ts';
export * from './confirmation-rates.ts';
export * from './publish.ts';
export * from './reader.ts';
export * from './reminders.ts';
export * from './staff-views.ts';
