/**
 * The bundled demo study (resources/demo): openly licensed PhysioNet records, imported with the
 * metadata manifest.json completes for PTB-XL (whose headers carry none).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { EcgRecord } from '../../../shared/ecg/record.ts';
import { inProcessPreparer } from '../import/record-preparer.ts';
import type { StudyImportResult, StudyService } from './study-service.ts';

/**
 * Where the demo study is: in the packaged app under process.resourcesPath (electron-builder.yml ships
 * resources/ as extraResources), else resources/demo of the source tree (CLI, tests; this file is
 * src/main/core/study) or of the checkout beside an electron-vite bundle (out/main). The first that
 * has a manifest wins; with none, the source-tree path, so the error names where it was expected.
 */
export function findDemoStudyDir(resourcesPath: string | undefined, moduleUrl: string): string {
  const candidates = [
    ...(resourcesPath ? [join(resourcesPath, 'resources', 'demo') + sep] : []),
    fileURLToPath(new URL('../../../../resources/demo/', moduleUrl)),
    fileURLToPath(new URL('../../resources/demo/', moduleUrl)),
  ];
  const fromSources = candidates[resourcesPath ? 1 : 0];
  return candidates.find((dir) => existsSync(join(dir, 'manifest.json'))) ?? fromSources;
}

/** Electron's addition to `process`; undefined under plain Node. */
const electronResourcesPath = (process as { resourcesPath?: string }).resourcesPath;

export const DEMO_STUDY_DIR = findDemoStudyDir(electronResourcesPath, import.meta.url);

const manifestSchema = z.object({
  records: z.array(
    z.object({
      file: z.string(),
      patient: z.object({
        id: z.string().optional(),
        sex: z.enum(['M', 'F', 'U']).optional(),
        ageYears: z.number().optional(),
        heightCm: z.number().optional(),
        weightKg: z.number().optional(),
      }),
      acquisition: z.object({ dateTime: z.string().optional(), device: z.string().optional() }),
      statements: z.array(
        z.object({ text: z.string(), source: z.literal('label'), code: z.string(), codeSystem: z.string() })
      ),
    })
  ),
});
type DemoManifestEntry = z.infer<typeof manifestSchema>['records'][number];

export function readDemoManifest(demoDir = DEMO_STUDY_DIR): Map<string, DemoManifestEntry> {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(demoDir, 'manifest.json'), 'utf8')));
  return new Map(manifest.records.map((entry) => [entry.file, entry]));
}

/** Fills in what the file lacks from the manifest; what the file itself says is kept. */
export function withDemoMetadata(record: EcgRecord, entry: DemoManifestEntry | undefined): EcgRecord {
  if (!entry) return record;
  return {
    ...record,
    patient: { ...entry.patient, ...record.patient },
    acquisition: { ...entry.acquisition, ...record.acquisition },
    statements: record.statements.length > 0 ? record.statements : entry.statements,
  };
}

export function importDemoStudy(study: StudyService, demoDir = DEMO_STUDY_DIR): Promise<StudyImportResult> {
  const manifest = readDemoManifest(demoDir);
  const adjust = (record: EcgRecord, path: string) =>
    withDemoMetadata(record, manifest.get(relative(demoDir, path).split(sep).join('/')));
  // The subfolders only: the manifest and attribution beside them are not ECGs.
  const folders = ['ptbxl', 'challenge2021'].map((folder) => join(demoDir, folder));
  return study.importPaths(folders, { createPreparer: () => inProcessPreparer(undefined, adjust) });
}
