/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { EcgDeskApi } from '../../shared/contract/api.ts';

declare global {
  interface Window {
    /** Set by the preload in Electron, or by the HTTP client when the e2e host serves the app. */
    api: EcgDeskApi;
  }
}
