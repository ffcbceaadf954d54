import type { ResolvedConfig } from '../config/config.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { findIncident } from './find-incident.js';
import { LATEST } from './latest-incident.js';

/**
 * Which incident a writing command is about, when INCIDENT may be left out
 * because `POSTMORTEM_INCIDENT` names it (`export POSTMORTEM_INCIDENT=cdn`
 * once, then `postmortem log Rolled back`). The variable is read by the
 * caller from the injected environment and named by any INCIDENT form.
 */

export const INCIDENT_VARIABLE = 'POSTMORTEM_INCIDENT';

export type ChosenIncident = { ok: true; file: InputFile } | { ok: false; message: string };

/** `resolve`, `amend`, `undo`: the INCIDENT given, else the variable's; neither is a usage problem. */
export async function chooseIncident(given: string | undefined, variable: string | undefined, config: ResolvedConfig, cwd: string): Promise<ChosenIncident> {
  if (given !== undefined) return findIncident(given, config, cwd);
  if (variable) return fromVariable(variable, config, cwd);
  return { ok: false, message: `Name the incident: its id, a part of it, ${LATEST}, or the path of its file (or set ${INCIDENT_VARIABLE} to name it once for every command)` };
}

/**
 * `log`'s words: INCIDENT and then TEXT, or, with the variable set, perhaps
 * TEXT alone. Then the first word is the incident only when it names one
 * exactly (a path, an id, a file name or `@latest`), and the start of the
 * text when it names none. A first word that is only part of an id could be
 * either, so it is refused with both readings: at 3 a.m. an event logged into
 * the wrong incident is worse than a command typed twice. Words after `--`
 * are always text.
 */
export async function chooseLogIncident(
  first: string | undefined,
  rest: readonly string[],
  variable: string | undefined,
  config: ResolvedConfig,
  cwd: string,
): Promise<{ ok: false; message: string } | { ok: true; file: InputFile; text: string[] }> {
  const words = first === undefined ? [...rest] : [first, ...rest];
  if (!variable || first === undefined) {
    const chosen = await chooseIncident(first, variable, config, cwd);
    if (!chosen.ok) return chosen;
    return { ok: true, file: chosen.file, text: first === undefined ? words : words.slice(1) };
  }
  const found = await findIncident(first, config, cwd);
  if (found.ok && found.how === 'exact') return { ok: true, file: found.file, text: [...rest] };
  if (found.ok || found.ambiguous) {
    const which = found.ok ? `the incident ${found.file.display}` : 'one of several incidents';
    return {
      ok: false,
      message:
        `\`${first}\` could name ${which}, or be the first word of the text for ${variable} (${INCIDENT_VARIABLE}).\n` +
        `To log into ${variable}, put the text after \`--\`: postmortem log -- ${words.join(' ')}\n` +
        `To log into another incident, name it by its whole id or its path.`,
    };
  }
  // A path that does not exist was meant as one: say so rather than log the path as text.
  if (/[/\\]|\.ya?ml$/.test(first)) return found;
  const chosen = await fromVariable(variable, config, cwd);
  return chosen.ok ? { ok: true, file: chosen.file, text: words } : chosen;
}

async function fromVariable(variable: string, config: ResolvedConfig, cwd: string): Promise<ChosenIncident> {
  const found = await findIncident(variable, config, cwd);
  return found.ok ? found : { ok: false, message: `${INCIDENT_VARIABLE}=${variable}: ${found.message}` };
}
