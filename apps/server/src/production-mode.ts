/**
 * Imported first by the server's entry point, before anything loads React: React and
 * React Router pick their production or development build from NODE_ENV when first
 * loaded, and the development builds render several times slower (prop validation,
 * component stacks). A started server is production unless told otherwise; `npm run dev`
 * (dev.ts) and test runners set their own NODE_ENV.
 */
process.env.NODE_ENV ??= 'production';
