import type { Command } from './command.js';

/** The command the command line chose, and its arguments as the parser made them. */
export interface Selected {
  command: Command;
  args: Record<string, unknown>;
}

/** What the command line asks for: a command and its arguments, or text to print (`--help`, `--version`). */
export interface ParsedCommandLine {
  selected?: Selected;
  output: string;
}
