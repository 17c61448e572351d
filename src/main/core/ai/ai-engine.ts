/**
 * The inference queue over one study: the selected model, passes over the records it has not read,
 * progress, cancel, and a record's ranked diagnoses. It does blocking work (SQLite, preprocessing,
 * onnxruntime), so the app hosts it in a worker thread (ai-worker.ts); the CLI and tests run it in place.
 */
import type Database from 'better-sqlite3';
import type { AiStatus, ModelsList, ModelSummary, RecordPredictions } from '../../../shared/contract/ai.ts';
import { TEST_MODEL_WARNING } from '../../../shared/contract/ai.ts';
import { labelScores } from '../../../shared/diagnoses/label-scores.ts';
import { MORTALITY_CAVEAT } from '../../../shared/diagnoses/mortality-caveat.ts';
import { rankDiagnoses, reliabilityCue } from '../../../shared/diagnoses/rank-diagnoses.ts';
import { openStudyDatabase } from '../db/open-database.ts';
import { homePaths } from '../home.ts';
import { loadModel, runModel } from '../inference/inference-session.ts';
import type { ModelManifest } from '../inference/manifest.ts';
import { installModel, listModels, type InstalledModel } from '../inference/model-store.ts';
import { readDeveloperSettings } from './developer-settings.ts';
import { runInferencePass, type PassResult, type QueueProgress, type WindowRunner } from './inference-pass.ts';
import { isOffered, unusableReason } from './model-eligibility.ts';
import { modelCard } from './model-card.ts';
import { readPrediction, recordExists, selectedModelId, selectModel } from './prediction-store.ts';

export interface AiEngineOptions {
  databasePath: string;
  home: string;
  actor: string;
}

/** A model id that is not installed, or not offered: the API reports it as a bad argument. */
export class ModelNotAvailableError extends Error {
  override readonly name = 'ModelNotAvailableError';
}

export class AiEngine {
  readonly db: Database.Database;
  private progress: QueueProgress = { queued: 0, done: 0, failed: 0, running: false, modelId: null, executionProvider: null };
  private message: string | null = null;
  private pass: Promise<PassResult | null> | null = null;
  private abort: AbortController | null = null;
  /** Set when records may have arrived while a pass ran: pass again when it ends. */
  private moreWork = false;
  /** Same signal for the running pass: count the pending records again. */
  private recountRequested = false;

  constructor(private readonly options: AiEngineOptions) {
    this.db = openStudyDatabase(options.databasePath);
  }

  private allowTestModels(): boolean {
    return readDeveloperSettings(this.options.home).allowTestModels;
  }

  listModels(): ModelsList {
    const { models, problems } = listModels(this.options.home);
    const allowTestModels = this.allowTestModels();
    const selected = this.selectedModel(models, allowTestModels);
    const summaries = models.map(
      (m): ModelSummary => ({
        ...modelCard(m.manifest),
        modelDir: m.modelDir,
        offered: isOffered(m.manifest, allowTestModels),
        selected: m.manifest.id === selected?.manifest.id,
      }),
    );
    return {
      models: allowTestModels ? summaries : summaries.filter((s) => s.diagnostic),
      selectedModelId: selected?.manifest.id ?? null,
      modelsDir: homePaths.models(this.options.home),
      problems,
    };
  }

  /**
   * The model the queue runs: the study's selected one if it is installed and offered; with none
   * selected, the first offered model (diagnostic ones first), which then becomes the selection.
   */
  private selectedModel(models: InstalledModel[], allowTestModels: boolean): InstalledModel | undefined {
    const offered = models.filter((m) => isOffered(m.manifest, allowTestModels));
    const selectedId = selectedModelId(this.db);
    if (selectedId !== null) return offered.find((m) => m.manifest.id === selectedId);
    const first = [...offered].sort((a, b) => Number(b.manifest.diagnostic) - Number(a.manifest.diagnostic))[0];
    if (first) selectModel(this.db, first.manifest.id, this.options.actor);
    return first;
  }

  private currentModel(): InstalledModel | undefined {
    return this.selectedModel(listModels(this.options.home).models, this.allowTestModels());
  }

  async selectModel(modelId: string): Promise<AiStatus> {
    const model = listModels(this.options.home).models.find((m) => m.manifest.id === modelId);
    if (!model) throw new ModelNotAvailableError(`no installed model has the id '${modelId}'`);
    const unusable = unusableReason(model.manifest);
    if (unusable) throw new ModelNotAvailableError(`model '${modelId}' cannot be used: ${unusable}`);
    if (!isOffered(model.manifest, this.allowTestModels())) {
      throw new ModelNotAvailableError(`model '${modelId}' is a test checkpoint with random weights, not a diagnostic model`);
    }
    await this.stopPass();
    selectModel(this.db, modelId, this.options.actor);
    this.kick();
    return this.status();
  }

  async addModel(sourceDir: string): Promise<ModelSummary> {
    const result = await installModel(sourceDir, this.options.home);
    const allowTestModels = this.allowTestModels();
    this.kick();
    return {
      ...modelCard(result.manifest),
      modelDir: result.modelDir,
      offered: isOffered(result.manifest, allowTestModels),
      selected: selectedModelId(this.db) === result.manifest.id,
    };
  }

  status(): AiStatus {
    const model = this.currentModel();
    const card = model ? modelCard(model.manifest) : null;
    const state = this.progress.running ? 'running' : !model ? 'no-model' : this.message ? 'error' : 'idle';
    return {
      state,
      ...this.progress,
      selectedModel: card,
      message: this.message,
      testModelWarning: card && !card.diagnostic ? TEST_MODEL_WARNING : null,
    };
  }

  /** Starts a pass for the selected model, or asks the running one to look again for new records. */
  kick(): void {
    if (this.pass) {
      this.moreWork = true;
      this.recountRequested = true;
      return;
    }
    this.pass = this.runPasses().finally(() => {
      this.pass = null;
    });
  }

  /** Kicks, then waits until the queue is empty (the CLI's and the tests' path). */
  async runUntilIdle(): Promise<PassResult | null> {
    if (!this.pass) this.kick();
    let last: PassResult | null = null;
    while (this.pass) last = (await this.pass) ?? last;
    return last;
  }

  async cancel(): Promise<AiStatus> {
    await this.stopPass();
    return this.status();
  }

  private async stopPass(): Promise<void> {
    this.moreWork = false;
    this.abort?.abort();
    await this.pass;
  }

  private async runPasses(): Promise<PassResult | null> {
    this.moreWork = false;
    let last = await this.runOnePass();
    while (this.moreWork && last && !last.cancelled) {
      this.moreWork = false;
      last = await this.runOnePass();
    }
    return last;
  }

  private async runOnePass(): Promise<PassResult | null> {
    let model: InstalledModel | undefined;
    try {
      model = this.currentModel();
    } catch (error) {
      this.message = (error as Error).message;
      return null;
    }
    if (!model) return null;
    const abort = new AbortController();
    this.abort = abort;
    this.message = null;
    try {
      const runner = await this.runnerFor(model.modelDir);
      return await runInferencePass({
        db: this.db,
        manifest: model.manifest,
        runner,
        actor: this.options.actor,
        signal: abort.signal,
        onProgress: (progress) => {
          this.progress = progress;
        },
        takeRecountRequest: () => {
          const requested = this.recountRequested;
          this.recountRequested = false;
          return requested;
        },
      });
    } catch (error) {
      this.message = (error as Error).message;
      this.progress = { ...this.progress, running: false };
      return null;
    } finally {
      this.abort = null;
    }
  }

  private async runnerFor(modelDir: string): Promise<WindowRunner> {
    const loaded = await loadModel(modelDir);
    return {
      executionProvider: loaded.executionProvider,
      run: async (windows, batch) => (await runModel(loaded, windows, batch)).logits,
    };
  }

  /** Undefined when the study has no such record. */
  recordPredictions(recordId: number): RecordPredictions | undefined {
    if (!recordExists(this.db, recordId)) return undefined;
    const model = this.currentModel();
    const empty: RecordPredictions = {
      recordId,
      state: 'no-model',
      model: null,
      reason: null,
      run: null,
      diagnoses: null,
      mortality: null,
      testModelWarning: null,
    };
    if (!model) return empty;
    const stored = readPrediction(this.db, recordId, model.manifest.id);
    const manifest: ModelManifest = stored?.run.manifest ?? model.manifest;
    const card = modelCard(manifest);
    const base: RecordPredictions = { ...empty, state: 'pending', model: card, testModelWarning: card.diagnostic ? null : TEST_MODEL_WARNING };
    if (!stored) return base;
    const run = {
      id: stored.run.id,
      executionProvider: stored.run.executionProvider,
      startedAt: stored.run.startedAt,
      windowCount: stored.windowCount,
      createdAt: stored.createdAt,
    };
    if (stored.status === 'not-analysable' || !stored.maxProbabilities || !stored.meanProbabilities) {
      return { ...base, state: 'not-analysable', reason: stored.reason, run };
    }
    const scores = labelScores(manifest.labels, stored.maxProbabilities, stored.meanProbabilities);
    const diagnoses = rankDiagnoses(scores, manifest.mortalityLabelCode);
    const mortality = diagnoses.mortality
      ? {
          code: diagnoses.mortality.code,
          label: diagnoses.mortality.name,
          probability: diagnoses.mortality.probability,
          meanProbability: diagnoses.mortality.meanProbability,
          reliability: reliabilityCue(diagnoses.mortality.auroc),
          caveat: MORTALITY_CAVEAT,
        }
      : null;
    return { ...base, state: 'analysed', run, diagnoses, mortality };
  }

  async close(): Promise<void> {
    await this.stopPass();
    this.db.close();
  }
}
