/**
 * The origins whose browsers may call the API and the admin with credentials (CORS_ORIGINS,
 * comma-separated). Strapi's default echoes any Origin with Allow-Credentials; here only listed
 * origins get CORS headers. Unset: none in production (same-origin only), and the local admin
 * (http://localhost:PORT, http://127.0.0.1:PORT) in development.
 */
export const corsOrigins = (setting: string | undefined, { production, port }: { production: boolean; port: number }): string[] => {
  const text = (setting ?? '').trim();
  if (text === '') return production ? [] : [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  const origins = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      // A wildcard would send credentials to every site: the very thing this setting prevents.
      if (entry.includes('*')) throw new Error(`CORS_ORIGINS: "${entry}" is a wildcard; list each origin (https://host[:port])`);
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new Error(`CORS_ORIGINS: "${entry}" is not an origin (https://host[:port])`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`CORS_ORIGINS: "${entry}" must be http(s)`);
      if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '' || /[/?#]./.test(entry.replace(/^https?:\/\//i, ''))) {
        throw new Error(`CORS_ORIGINS: "${entry}" is not an origin: no path, query or credentials (https://host[:port])`);
      }
      // Browsers send the serialized origin (lower-case host, no default port): compare with that.
      return url.origin;
    });
  return [...new Set(origins)];
};
