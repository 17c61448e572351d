/**
 * The contract over HTTP: what the e2e test host serves in place of Electron's preload. Each call is
 * POST /api/<name> with the arguments as wire JSON; the answer is the same ApiResponse the preload gives.
 */
import type { ApiArgs, ApiName, ApiResponse, EcgDeskApi } from '../../../shared/contract/api.ts';
import { decodeWire, encodeWire } from '../../../shared/contract/wire-codec.ts';

export function createHttpApi(baseUrl: string): EcgDeskApi {
  return {
    async call<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResponse<N>> {
      try {
        const response = await fetch(`${baseUrl}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: encodeWire(args),
        });
        return decodeWire<ApiResponse<N>>(await response.text());
      } catch (error) {
        return { ok: false, error: { code: 'failed', message: `${name}: ${(error as Error).message}` } };
      }
    },
  };
}
