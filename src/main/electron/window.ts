/**
 * The main window: isolated, sandboxed renderer without Node, that can neither navigate away from the
 * app nor open other windows.
 */
import { BrowserWindow, shell } from 'electron';

export interface WindowSource {
  /** electron-vite's dev server in development, else the built index.html. */
  devServerUrl?: string;
  indexHtmlPath: string;
  preloadPath: string;
}

export function createMainWindow(source: WindowSource): BrowserWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 1024,
    minHeight: 700,
    title: 'ECG Desk',
    show: false,
    webPreferences: {
      preload: source.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());

  const appOrigin = source.devServerUrl ? new URL(source.devServerUrl).origin : 'file://';
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(appOrigin)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser only when asked for explicitly; nothing opens in the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  if (source.devServerUrl) void window.loadURL(source.devServerUrl);
  else void window.loadFile(source.indexHtmlPath);
  return window;
}
