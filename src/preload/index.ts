/**
 * The preload: puts exactly one narrow object on window.api (EcgDeskApi) — contract calls, the
 * import dialog, and the path of a dropped file. Nothing else of Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ApiArgs, ApiName, ApiResponse, EcgDeskApi } from '../shared/contract/api.ts';

// The channel names repeat src/main/electron/ipc.ts: importing it would pull main-process modules into the preload.
const api: EcgDeskApi = {
  call<N extends ApiName>(name: N, args: ApiArgs<N>): Promise<ApiResponse<N>> {
    return ipcRenderer.invoke('api', name, args) as Promise<ApiResponse<N>>;
  },
  chooseImportPaths(kind: 'files' | 'folder'): Promise<string[]> {
    return ipcRenderer.invoke('choose-import-paths', kind) as Promise<string[]>;
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('api', api);
