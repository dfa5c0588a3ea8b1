/**
 * One OpenAPI document for the whole admin API at `/api/openapi.json`: each component adds the paths it
 * mounts (`addPaths`) when it starts, so the document always matches what is served.
 */
import type { Express } from 'express';
import { VERSION } from './version.js';

export type OpenApiPaths = Record<string, Record<string, unknown>>;

const documents = new WeakMap<Express, { paths: OpenApiPaths }>();

/** Adds paths to the app's document, serving `/api/openapi.json` on first use. */
export function addPaths(app: Express, paths: OpenApiPaths): void {
  let doc = documents.get(app);
  if (!doc) {
    const created = { paths: {} as OpenApiPaths };
    documents.set(app, created);
    app.get('/api/openapi.json', (_req, res) => {
      res.json({
        openapi: '3.0.3',
        info: { title: 'ntjp-emulator admin API', version: VERSION },
        components: { securitySchemes: { operator: { type: 'http', scheme: 'bearer' } } },
        paths: created.paths,
      });
    });
    doc = created;
  }
  Object.assign(doc.paths, paths);
}
