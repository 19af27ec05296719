import fs from 'node:fs';
import type { Core } from '@strapi/strapi';

/** The temporary path of every file of a parsed multipart body, whatever its field. */
const temporaryPaths = (files: unknown): string[] => {
  if (!files || typeof files !== 'object') return [];
  return Object.values(files as Record<string, unknown>)
    .flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : [value]))
    .map((file) => (file && typeof file === 'object' ? (file as { filepath?: unknown }).filepath : undefined))
    .filter((filepath): filepath is string => typeof filepath === 'string');
};

/**
 * strapi::body writes every file of a multipart request to disk before any route, policy or
 * permission runs, and removes afterwards only the field named `files`, and only when the
 * request succeeded: a stranger's multipart request to any route, refused with 401 or 403, left
 * its files in the temporary folder for good (a way to fill the disk). Right after strapi::body,
 * this removes every file of the request once the response is decided, whatever the field and
 * the outcome. A handler that keeps an upload moves it first (the directory import) or has read
 * it by then (the upload plugin).
 */
export default (_config: unknown, _context: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    const paths = temporaryPaths((ctx.request as { files?: unknown }).files);
    if (paths.length === 0) {
      await next();
      return;
    }
    try {
      await next();
    } finally {
      await Promise.all(paths.map((filepath) => fs.promises.rm(filepath, { force: true }).catch(() => undefined)));
    }
  };
