/** The hub's listener URLs as the platform announces them, and the status fields of its catalogue. */
import type { PlatformContext } from '../platform/context.js';
import type { CatalogueLoad } from './status-report.js';

export interface HubEndpoints {
  /** the listeners' URLs on the bound host (not the public host name), as `VpApi.urls` */
  urls: { https: string; http: string };
  /** the same on the public host, as the real VP's status lists them */
  endpoints: string[];
}

/** Announces the listeners (start banner, internal calls of built-in components) and returns their URLs. */
export function announceHubEndpoints(ctx: PlatformContext, httpsPort: number, httpPort: number): HubEndpoints {
  const host = ctx.settings['platform.host'] as string;
  const bindHost = host.includes(':') ? `[${host}]` : host;
  const publicHost = ctx.settings['platform.publicHost'] as string;
  const urls = { https: `https://${bindHost}:${httpsPort}/vp`, http: `http://${bindHost}:${httpPort}/vp` };
  if (ctx.hubCaller.kind === 'internal') ctx.hubCaller.url = urls.http;
  const endpoints = [`https://${publicHost}:${httpsPort}/vp`, `http://${publicHost}:${httpPort}/vp`];
  ctx.urls.set('Hub (VP), mutual TLS', endpoints[0]!);
  ctx.urls.set('Hub (VP), HTTP behind a proxy', endpoints[1]!);
  return { urls, endpoints };
}

/** The catalogue part of the hub's `/status` section: the version routed with and its last load. */
export function catalogueStatus(catalogue: { version: number; load: CatalogueLoad } | undefined): Record<string, unknown> {
  return {
    catalogueLoaded: catalogue !== undefined,
    catalogueVersion: catalogue?.version,
    catalogueCompiledAt: catalogue?.load.at.toISOString(),
    routes: catalogue?.load.routes ?? 0,
    permissions: catalogue?.load.permissions ?? 0,
    hsaUnits: catalogue?.load.hsaUnits ?? 0,
  };
}
