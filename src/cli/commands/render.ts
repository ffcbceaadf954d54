import { type ArgsOf, defineCommand } from '../command.js';
import { PROBLEM_FORMAT, TEMPLATES } from '../options.js';

const positionals = { file: { type: 'string', demandOption: true, describe: 'The incident file' } } as const;
const options = { format: PROBLEM_FORMAT, templates: TEMPLATES } as const;
export type RenderArgs = ArgsOf<typeof positionals, typeof options>;

export const renderCommand = defineCommand({
  name: 'render',
  describe: 'Render one incident file to standard output',
  positionals,
  options,
  handler: async () => (await import('./render-handler.js')).runRender,
});
