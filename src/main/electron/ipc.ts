/**
 * The two IPC channels behind the preload: 'api' (every contract call, validated by dispatch) and
 * 'choose-import-paths' (the OS dialog). Calls from any other frame than the main window's are refused.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ApiName } from '../../shared/contract/api.ts';
import { chooseImportPaths } from './dialogs.ts';
import type { OpenStudy } from './open-study.ts';

export const IPC_API = 'api';
export const IPC_CHOOSE_IMPORT_PATHS = 'choose-import-paths';

function senderWindow(event: IpcMainInvokeEvent, mainWindow: () => BrowserWindow | null): BrowserWindow {
  const window = mainWindow();
  if (!window || event.sender !== window.webContents || event.senderFrame !== window.webContents.mainFrame) {
    throw new Error('IPC from an unexpected frame');
  }
  return window;
}

export function registerIpc(study: OpenStudy, mainWindow: () => BrowserWindow | null): void {
  ipcMain.handle(IPC_API, (event, name: unknown, args: unknown) => {
    senderWindow(event, mainWindow);
    // dispatch validates both the name and the arguments and answers errors as data.
    return study.dispatcher.dispatch(String(name) as ApiName, args);
  });
  ipcMain.handle(IPC_CHOOSE_IMPORT_PATHS, (event, kind: unknown) => {
    const window = senderWindow(event, mainWindow);
    return chooseImportPaths(window, kind === 'folder' ? 'folder' : 'files');
  });
}
