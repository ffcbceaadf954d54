import type { ImportOptions, PathImportSource } from '../import-source.js';
import type { ImportResult } from '../imported-incident.js';
import { type SlackImportOptions, readSlackExport } from './slack-export.js';

/**
 * A Slack workspace export, its folder or its .zip, mapped as
 * docs/import.md#slack-export describes: one channel (`--channel`), its
 * pinned messages, those with a reaction (`--reaction NAME`), or all
 * (`--all`), within `--since`/`--until`.
 */
export const slackSource: PathImportSource = {
  name: 'slack',
  describe: "A Slack workspace export (its folder or .zip): one channel's pinned messages, those with a reaction, or all",
  input: 'path',
  options: ['channel', 'reaction', 'all', 'since', 'until'],
  read: (input, options) => {
    const chosen = slackOptions(options);
    return chosen.ok ? readSlackExport(input, chosen.options) : Promise.resolve(chosen.result);
  },
};

function slackOptions(options: ImportOptions): { ok: true; options: SlackImportOptions } | { ok: false; result: ImportResult } {
  const { channel, reaction, all, since, until } = options;
  if (reaction !== undefined && all === true) return { ok: false, result: { ok: false, diagnostics: [], usage: '--reaction and --all choose the messages two ways; give one of them' } };
  const read: SlackImportOptions = {};
  if (typeof channel === 'string') read.channel = channel;
  if (typeof reaction === 'string') read.select = { kind: 'reaction', name: reaction };
  else if (all === true) read.select = { kind: 'all' };
  if (typeof since === 'number') read.since = since;
  if (typeof until === 'number') read.until = until;
  return { ok: true, options: read };
}
