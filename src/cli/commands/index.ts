import type { Command } from '../command.js';
import { actionsCommand } from './actions.js';
import { amendCommand } from './amend.js';
import { buildCommand } from './build.js';
import { exportCommand } from './export.js';
import { fmtCommand } from './fmt.js';
import { importCommand } from './import.js';
import { initCommand } from './init.js';
import { logCommand } from './log.js';
import { newCommand } from './new.js';
import { publishCommand } from './publish.js';
import { renderCommand } from './render.js';
import { reportCommand } from './report.js';
import { resolveCommand } from './resolve.js';
import { schemaCommand } from './schema.js';
import { undoCommand } from './undo.js';
import { validateCommand } from './validate.js';

/** Every command, in the order `--help` lists them. Each module declares one; its handler is loaded only when it is chosen. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  buildCommand,
  renderCommand,
  initCommand,
  newCommand,
  logCommand,
  resolveCommand,
  amendCommand,
  undoCommand,
  importCommand,
  fmtCommand,
  schemaCommand,
  reportCommand,
  actionsCommand,
  exportCommand,
  publishCommand,
];
