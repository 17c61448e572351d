/** The OS dialogs the app needs: files or a folder to import, and a study database to open. */
import { dialog, type BrowserWindow } from 'electron';

const ECG_FILE_FILTERS = [
  {
    name: 'ECG files',
    extensions: ['hea', 'dat', 'mat', 'dcm', 'xml', 'scp', 'edf', 'ecg', 'csv', 'txt'],
  },
  { name: 'All files', extensions: ['*'] },
];

export async function chooseImportPaths(window: BrowserWindow, kind: 'files' | 'folder'): Promise<string[]> {
  const result = await dialog.showOpenDialog(window, {
    title: kind === 'folder' ? 'Import a folder of ECGs' : 'Import ECG files',
    properties: kind === 'folder' ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
    filters: kind === 'files' ? ECG_FILE_FILTERS : undefined,
  });
  return result.canceled ? [] : result.filePaths;
}

const STUDY_FILTERS = [{ name: 'ECG Desk study', extensions: ['sqlite'] }];

/** An existing study database to open; undefined when cancelled. */
export async function chooseExistingStudy(window: BrowserWindow): Promise<string | undefined> {
  const result = await dialog.showOpenDialog(window, { title: 'Open a study', filters: STUDY_FILTERS, properties: ['openFile'] });
  return result.canceled ? undefined : result.filePaths[0];
}

/** Where to create a new, empty study database; undefined when cancelled. */
export async function chooseNewStudy(window: BrowserWindow): Promise<string | undefined> {
  const result = await dialog.showSaveDialog(window, { title: 'New study', filters: STUDY_FILTERS, buttonLabel: 'Create study' });
  return result.canceled ? undefined : result.filePath;
}
