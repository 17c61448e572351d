/**
 * `ecg-desk ai run [--db FILE] [--model MODEL] [--json]`: runs the inference queue over a study until
 * every record has a stored result from the selected model (or from MODEL, which becomes the selection).
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { NO_MODEL_STEPS, NO_MODEL_TITLE } from '../../../shared/contract/ai.ts';
import { AiEngine, ModelNotAvailableError } from '../../core/ai/ai-engine.ts';
import { DeveloperSettingsError } from '../../core/ai/developer-settings.ts';
import { resolveHomeDir } from '../../core/home.ts';
import { locateModel } from '../../core/inference/model-location.ts';
import { ModelImportError } from '../../core/inference/model-import-error.ts';
import { readInstalledModel } from '../../core/inference/model-store.ts';
import { studyDatabasePath } from '../../core/study/study-location.ts';
import { parseCommandArgs, writeJson } from '../cli-args.ts';
import { EXIT_INPUT_FAILED, EXIT_OK, type CliCommand, type CliIo } from '../cli-command.ts';

function actorName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function fail(io: CliIo, message: string): number {
  io.stderr(`ecg-desk ai run: ${message}\n`);
  return EXIT_INPUT_FAILED;
}

export const aiRunCommand: CliCommand = {
  name: ['ai', 'run'],
  usage: 'ai run [--db FILE] [--model MODEL] [--json]',
  summary: 'run the selected AI model (or MODEL, an installed model id or folder) over every record of a study it has not read',
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { db: { type: 'string' }, model: { type: 'string' } }, { min: 0, max: 0, names: '' });
    const home = resolveHomeDir(values.home, io.env);
    const databasePath = studyDatabasePath(values.db, values.home, io.env);
    if (!existsSync(databasePath)) return fail(io, `no study database at ${databasePath}`);
    let engine: AiEngine | undefined;
    try {
      engine = new AiEngine({ databasePath, home, actor: actorName() });
      if (values.model) {
        // A folder outside the store is accepted by its id only when that model is installed (selectModel checks).
        const { manifest } = readInstalledModel(locateModel(values.model, home));
        await engine.selectModel(manifest.id);
      }
      const pass = await engine.runUntilIdle();
      const status = engine.status();
      if (!status.selectedModel) {
        return fail(io, `${NO_MODEL_TITLE} for this study.\n${NO_MODEL_STEPS.map((step) => `  - ${step}`).join('\n')}`);
      }
      if (status.message) return fail(io, status.message);
      const report = {
        model: { id: status.selectedModel.id, name: status.selectedModel.name, diagnostic: status.selectedModel.diagnostic },
        executionProvider: pass?.executionProvider ?? status.executionProvider,
        analysed: pass?.analysed.length ?? 0,
        notAnalysable: pass?.notAnalysable ?? [],
        failed: pass?.failed ?? [],
        ...(status.testModelWarning ? { warning: status.testModelWarning } : {}),
      };
      if (values.json) {
        writeJson(io, report);
      } else {
        if (report.warning) io.stdout(`WARNING: ${report.warning}\n`);
        io.stdout(`${report.model.name} on ${report.executionProvider ?? 'no provider (nothing to run)'}: ${report.analysed} analysed\n`);
        for (const n of report.notAnalysable) io.stdout(`  record ${n.id}: not analysable: ${n.reason}\n`);
        for (const f of report.failed) io.stdout(`  record ${f.id}: failed: ${f.error}\n`);
      }
      return report.failed.length > 0 ? EXIT_INPUT_FAILED : EXIT_OK;
    } catch (error) {
      if (error instanceof ModelImportError || error instanceof ModelNotAvailableError || error instanceof DeveloperSettingsError) {
        return fail(io, error.message);
      }
      throw error;
    } finally {
      await engine?.close();
    }
  },
};
