import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { workerEntryUrl } from '../../src/main/core/import/worker-url.ts';
import { DEMO_STUDY_DIR, findDemoStudyDir } from '../../src/main/core/study/demo-study.ts';
import { removeTempFolders, tempFolder } from './helpers.ts';

afterEach(removeTempFolders);

const IMPORT_DIR = fileURLToPath(new URL('../../src/main/core/import/', import.meta.url));
const REPO_DEMO_DIR = fileURLToPath(new URL('../../resources/demo/', import.meta.url));

describe('worker entry in sources and in the bundle', () => {
  it('starts a worker from its TypeScript source when the source is there', () => {
    const source = pathToFileURL(join(IMPORT_DIR, 'prepare-worker.ts'));
    expect(workerEntryUrl(source).href).toBe(source.href);
  });

  it('falls back to the bundled <name>.js beside the bundle when the source is gone', () => {
    // What `new URL('./db-worker.ts', import.meta.url)` gives inside out/main/index.js.
    const fromBundle = pathToFileURL('/opt/ECG Desk/resources/app.asar/out/main/db-worker.ts');
    expect(fileURLToPath(workerEntryUrl(fromBundle))).toBe(join(IMPORT_DIR, 'db-worker.js'));
  });
});

describe('demo study folder', () => {
  it('is resources/demo of the checkout when running from sources', () => {
    expect(DEMO_STUDY_DIR).toBe(REPO_DEMO_DIR);
    expect(findDemoStudyDir(undefined, pathToFileURL(join(IMPORT_DIR, '../study/demo-study.ts')).href)).toBe(REPO_DEMO_DIR);
  });

  it('is under process.resourcesPath in the packaged app', () => {
    const resourcesPath = tempFolder();
    mkdirSync(join(resourcesPath, 'resources', 'demo'), { recursive: true });
    writeFileSync(join(resourcesPath, 'resources', 'demo', 'manifest.json'), '{"records":[]}');
    const bundleUrl = pathToFileURL(join(resourcesPath, 'app.asar', 'out', 'main', 'index.js')).href;
    expect(findDemoStudyDir(resourcesPath, bundleUrl)).toBe(join(resourcesPath, 'resources', 'demo') + sep);
  });

  it('is resources/demo beside out/main in an unpackaged bundle', () => {
    const checkout = tempFolder();
    mkdirSync(join(checkout, 'resources', 'demo'), { recursive: true });
    writeFileSync(join(checkout, 'resources', 'demo', 'manifest.json'), '{"records":[]}');
    const bundleUrl = pathToFileURL(join(checkout, 'out', 'main', 'index.js')).href;
    expect(findDemoStudyDir(undefined, bundleUrl)).toBe(join(checkout, 'resources', 'demo') + sep);
    expect(findDemoStudyDir(join(checkout, 'nowhere'), bundleUrl)).toBe(join(checkout, 'resources', 'demo') + sep);
  });
});
