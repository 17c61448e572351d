/**
 * Electron's main process: the thin composition root. It opens the study (core services in their
 * workers), wires the one IPC contract to them, and shows the sandboxed window. Everything else lives
 * in src/main/core, shared with the CLI and the tests.
 */
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { homePaths, resolveHomeDir } from './core/home.ts';
import { settingsFileStore } from './core/settings/settings-store.ts';
import { createMainWindow } from './electron/window.ts';
import { applySessionSecurity } from './electron/security.ts';
import { registerIpc } from './electron/ipc.ts';
import { installMenu } from './electron/menu.ts';
import { OpenStudy } from './electron/open-study.ts';

const homeFlag = process.argv.find((arg) => arg.startsWith('--home='))?.slice('--home='.length);
const home = resolveHomeDir(homeFlag);
const study = new OpenStudy(settingsFileStore(homePaths.settings(home)), home);
let mainWindow: BrowserWindow | null = null;

function showWindow(): void {
  mainWindow = createMainWindow({
    devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
    indexHtmlPath: join(import.meta.dirname, '../renderer/index.html'),
    preloadPath: join(import.meta.dirname, '../preload/index.js'),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.whenReady().then(async () => {
  applySessionSecurity(session.defaultSession);
  await study.open(homePaths.database(home));
  registerIpc(study, () => mainWindow);
  installMenu({
    mainWindow: () => mainWindow,
    isDevelopment: !app.isPackaged,
    openStudy: async (databasePath) => {
      await study.open(databasePath);
      mainWindow?.webContents.reload();
    },
  });
  showWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void study.close();
});
