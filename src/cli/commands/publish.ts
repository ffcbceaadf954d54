import { PUBLISH_TARGETS } from '../../publish/target.js';
import { type ArgsOf, defineCommand } from '../command.js';
import { AS_OF, PATHS, PROBLEM_FORMAT, TEMPLATES } from '../options.js';

const positionals = { paths: PATHS } as const;
const options = {
  format: PROBLEM_FORMAT,
  target: { choices: PUBLISH_TARGETS, demandOption: true, describe: 'The kind of site' },
  out: { type: 'string', demandOption: true, describe: 'The folder to publish into' },
  'site-path': {
    type: 'string',
    describe: "The folder's path under the site's docs root, for the navigation files (mkdocs nav.yml, vitepress sidebar.json); default: the folder's name",
  },
  templates: TEMPLATES,
  'as-of': { ...AS_OF, describe: 'The day the report page is as of, YYYY-MM-DD (default: today), as for `report --as-of`' },
  force: { type: 'boolean', default: false, describe: 'Overwrite (or delete) pages publish wrote that were edited by hand since' },
} as const;
export type PublishArgs = ArgsOf<typeof positionals, typeof options>;

export const publishCommand = defineCommand({
  name: 'publish',
  describe: 'Publish the postmortems, an index and the report to a documentation site folder',
  positionals,
  options,
  handler: async () => (await import('./publish-handler.js')).runPublish,
});
