/** Every `ecg-desk` sub-command; each lives in its own file. */
import type { CliCommand } from '../cli-command.ts';
import { preprocessCommand } from './preprocess.ts';
import { inspectCommand } from './inspect.ts';
import { importCommand } from './import.ts';
import { listCommand } from './list.ts';
import { demoCommand } from './demo.ts';
import { modelAddCommand } from './model-add.ts';
import { modelListCommand } from './model-list.ts';
import { modelRunCommand } from './model-run.ts';
import { predictCommand } from './predict.ts';
import { measureCommand } from './measure.ts';
import { aiRunCommand } from './ai-run.ts';

export const COMMANDS: readonly CliCommand[] = [inspectCommand, importCommand, listCommand, demoCommand, preprocessCommand, modelAddCommand, modelListCommand, modelRunCommand, predictCommand, measureCommand, aiRunCommand];
