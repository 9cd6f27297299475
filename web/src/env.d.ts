/** Vite bundles imported stylesheets; to TypeScript they are modules with nothing to import. */
declare module '*.css';
