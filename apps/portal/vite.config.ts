import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

/**
 * The domain packages stay outside the server bundle: the built portal imports them
 * from source (Node strips their types) so it shares one copy — one database
 * connection, one set of module state — with apps/server, which loads the build.
 * @outpost/ui is the exception: it is JSX, which Node cannot strip, and holds no state.
 */
const sharedWithServer = ['@outpost/auth', '@outpost/core', '@outpost/db', '@outpost/i18n', '@outpost/log'];
const isSharedWithServer = (id: string) =>
  sharedWithServer.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig({
  plugins: [reactRouter()],
  // Dev (ssrLoadModule) honours ssr.external.
  ssr: { external: sharedWithServer },
  environments: {
    ssr: {
      build: {
        // Vite 8's production SSR build bundles linked workspace packages even when
        // they are listed in ssr.external, so the bundler is told directly.
        rolldownOptions: { external: isSharedWithServer },
      },
    },
  },
  build: {
    // apps/server serves only /assets/* from build/client: keep every client file there.
    assetsDir: 'assets',
  },
});
