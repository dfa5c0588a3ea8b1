/**
 * How the aggregator's FindContent and source calls reach the hub (`agp.sourceCallsInProcess`, docs/agp.md,
 * "Flow"): handed to it in the same process, or over its HTTP listener as a separate aggregator sends them.
 * Either way the hub runs the same steps and records the same traffic entry.
 */
import { flatHeaders, postXml, soapHeaders, type SoapSend } from '../shared/soap/client.js';
import type { VpApi } from '../vp/index.js';

/**
 * The hub's in-process hand-off. The post's signal bounds the call; without one, `timeoutMs` (the HTTP
 * client's idle timeout) bounds the whole call. The aggregator's calls carry a signal that ends no later.
 */
export function inProcessSend(dispatch: VpApi['dispatch']): SoapSend {
  return async (p) => {
    const signal = p.signal ?? (p.timeoutMs === undefined ? undefined : AbortSignal.timeout(p.timeoutMs));
    const answer = await dispatch({ body: p.body, headers: soapHeaders(p), signal });
    return { status: answer.status, headers: flatHeaders(answer.headers), body: answer.body.toString('utf8') };
  };
}

export const hubSend = (inProcess: boolean, vp: () => VpApi): SoapSend => (inProcess ? inProcessSend(vp().dispatch) : postXml);
