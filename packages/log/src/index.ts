export * from './logger.ts';
export * from './request-context.ts';
