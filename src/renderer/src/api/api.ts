/** The renderer's one door to main: window.api (preload or HTTP client), with errors turned into exceptions. */
import type { ApiArgs, ApiName, ApiResult } from '../../../shared/contract/api.ts';

export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly call: ApiName,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

export async function callApi<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResult<N>> {
  const response = await window.api.call(name, args);
  if (!response.ok) throw new ApiCallError(name, response.error.code, response.error.message);
  return response.value;
}
