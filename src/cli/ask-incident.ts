import { titleProblem } from '../authoring/new-incident-input.js';
import type { ResolvedConfig } from '../config/config.js';
import type { Prompts } from './prompts.js';

/**
 * Asks for a new incident's title and severity where they are missing, as
 * `new` asks and `import` too: the title as one line of text, the severity
 * from the configured levels with their meanings. `undefined` when the
 * person cancels (then `cancel` has been said).
 */
export async function askTitleAndSeverity(
  known: { title?: string | undefined; severity?: string | undefined },
  config: ResolvedConfig,
  prompts: Prompts,
  placeholder = 'Checkout errors in EU',
): Promise<{ title: string; severity: string } | undefined> {
  const title = known.title ?? (await prompts.text({ message: 'Title (one line)', placeholder, validate: titleProblem }));
  if (title === undefined) return cancelled(prompts);
  const severity =
    known.severity ??
    (await prompts.select({
      message: 'Severity',
      options: config.severities.map((level) => ({ value: level.id, label: level.id, hint: level.description })),
    }));
  if (severity === undefined) return cancelled(prompts);
  return { title: title.trim(), severity };
}

export async function cancelled(prompts: Prompts): Promise<undefined> {
  await prompts.cancel('Cancelled');
  return undefined;
}
