import type { Config } from '@react-router/dev/config';

// Server-rendered: every page works without JavaScript (forms post to actions),
// and the session cookie never has to be readable by scripts.
export default {
  appDirectory: 'app',
  ssr: true,
} satisfies Config;
