export { createApi } from './app.ts';
export type { ApiDeps, ApiEnv } from './context.ts';
export { MAX_EVENT_BATCH_BYTES } from './routes/events.ts';
