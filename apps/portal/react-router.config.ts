import type { Config } from '@react-router/dev/config';

// Server-rendered: every page works without JavaScript (forms post to actions),
// and the session cookie never has to be readable by scripts.
export default {
  appDirectory: 'app',
  ssr: true,
  // The route manifest is one static, immutable asset the browser caches, rather than a
  // partial manifest computed and inlined into every page (and fetched piecemeal while
  // navigating): with a few dozen routes the whole manifest is small, and server-rendering
  // each page no longer matches the route tree to write it.
  routeDiscovery: { mode: 'initial' },
} satisfies Config;
