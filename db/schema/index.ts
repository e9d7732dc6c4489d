export * from './audit.ts';
export * from './notifications.ts';
export * from './partners.ts';
export * from './sessions.ts';
export * from './slack.ts';
export * from './users.ts';
