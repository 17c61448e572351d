/** Every `ecg-desk` sub-command; each lives in its own file. */
import type { CliCommand } from '../cli-command.ts';
import { preprocessCommand } from './preprocess.ts';

export const COMMANDS: readonly CliCommand[] = [preprocessCommand];
