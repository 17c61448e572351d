/** The application menu: open or create a study, and the platform's usual Edit/View/Window items. */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { chooseExistingStudy, chooseNewStudy } from './dialogs.ts';

export interface MenuActions {
  mainWindow(): BrowserWindow | null;
  /** Switches to another study database and reloads the window on it. */
  openStudy(databasePath: string): Promise<void>;
  isDevelopment: boolean;
}

export function installMenu(actions: MenuActions): void {
  const withWindow = (run: (window: BrowserWindow) => Promise<void>) => () => {
    const window = actions.mainWindow();
    if (window) void run(window);
  };
  const switchTo = (choose: (window: BrowserWindow) => Promise<string | undefined>) =>
    withWindow(async (window) => {
      const path = await choose(window);
      if (path) await actions.openStudy(path);
    });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Study…', accelerator: 'CmdOrCtrl+O', click: switchTo(chooseExistingStudy) },
        { label: 'New Study…', accelerator: 'CmdOrCtrl+Shift+N', click: switchTo(chooseNewStudy) },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'togglefullscreen' },
        ...(actions.isDevelopment ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
