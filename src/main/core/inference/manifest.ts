/** `manifest.json`, the card every installed model folder carries beside its `model.onnx`. */
import { z } from 'zod';

export const MODEL_FILE_NAME = 'model.onnx';
export const MANIFEST_FILE_NAME = 'manifest.json';

export const modelLabelSchema = z.object({
  index: z.number().int().nonnegative(),
  code: z.string().min(1),
  name: z.string(),
  group: z.number().int().nullable().optional(),
  /** Code of the parent label (e.g. MI for AMI), so the UI can group duplicates. */
  parent: z.string().nullable().optional(),
  snomedCt: z.array(z.string()).optional(),
  /** The authors' reported test AUROC of this output, a reliability cue. */
  auroc: z.number().min(0).max(1).nullable().optional(),
});

export const modelManifestSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'id must be a folder-safe name'),
    name: z.string().min(1),
    version: z.string().min(1),
    task: z.enum(['multi_label', 'multi_class', 'regression', 'embedding']),
    labels: z.array(modelLabelSchema),
    inputSpec: z.object({
      samples: z.number().int().positive(),
      sampleRateHz: z.number().positive(),
      leads: z.array(z.string()).min(1),
      windowS: z.number().positive(),
    }),
    preprocessingId: z.string().min(1),
    licence: z.string().min(1),
    source: z.string().min(1),
    weightsSha256: z.string().regex(/^[0-9a-f]{64}$/, 'weightsSha256 must be 64 hex digits'),
    createdAt: z.iso.datetime(),
    /** False for test checkpoints and models whose outputs have no known meaning: never offered for diagnosis. */
    diagnostic: z.boolean(),
    outputs: z
      .object({ logits: z.string().nullable(), pooledEmbedding: z.string().nullable().optional() })
      .default({ logits: 'logits' }),
    inputName: z.string().default('input'),
    weightPrecision: z.enum(['fp32', 'int8']).default('fp32'),
    /** Which label is the mortality output (SAMITROP-DEATH for the Cardio-Learning heads). */
    mortalityLabelCode: z.string().nullable().default(null),
    architecture: z
      .object({
        family: z.string(),
        size: z.string(),
        hiddenSize: z.number().int().positive(),
        layers: z.number().int().positive(),
        attentionHeads: z.number().int().positive(),
        head: z.string(),
        framesPerWindow: z.number().int().positive(),
      })
      .optional(),
  })
  .superRefine((manifest, ctx) => {
    manifest.labels.forEach((label, i) => {
      if (label.index !== i) ctx.addIssue({ code: 'custom', path: ['labels', i, 'index'], message: `label ${i} has index ${label.index}` });
    });
    if (manifest.task !== 'embedding' && manifest.labels.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: `a ${manifest.task} model needs labels` });
    }
  });

export type ModelManifest = z.infer<typeof modelManifestSchema>;
export type ModelLabel = z.infer<typeof modelLabelSchema>;

/** The first problem of an invalid manifest, as `path: message`. */
export function manifestProblem(json: unknown): string | undefined {
  const result = modelManifestSchema.safeParse(json);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `${issue.path.join('.') || 'manifest'}: ${issue.message}`;
}
