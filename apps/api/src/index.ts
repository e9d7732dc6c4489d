export { createApi } from './app.ts';
export type { ApiDeps, ApiEnv } from './context.ts';
