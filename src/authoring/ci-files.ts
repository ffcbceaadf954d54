/** The CI services `init --ci` writes a job for. */
export const CI_PROVIDERS = ['github', 'gitlab'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

/** The file `init --ci` writes for each service, relative to the project folder. */
export const CI_FILES: Readonly<Record<CiProvider, string>> = {
  github: '.github/workflows/postmortem.yml',
  gitlab: '.gitlab-ci.yml',
};

/** Where the GitLab job writes its Code Quality report. */
export const GITLAB_REPORT = 'gl-code-quality-report.json';

/**
 * The CI file for `provider`. Both install the tool as the project's dev
 * dependency, exactly as its package-lock.json pins it (`npm ci`), so CI
 * runs the version the team tried locally and changes only when they
 * upgrade it; `init --ci` adds that dev dependency when it is missing.
 */
export function ciFileText(provider: CiProvider): string {
  return provider === 'github' ? githubWorkflow() : gitlabJob();
}

/** What to tell the person when the CI file exists already (it is never replaced). */
export function ciFileAdvice(provider: CiProvider): string {
  if (provider === 'github') {
    return `It may be from an earlier version: to install the tool with \`npm ci\` as package.json pins it, make its steps:\n${githubSteps().join('\n')}`;
  }
  // .gitlab-ci.yml holds every job of the project: the job is added to it, as its own key.
  return `To check incidents in merge requests, add this job to it:\n${gitlabJob().replace(/^#.*\n/gm, '').trimEnd()}`;
}

/** Validates incident files on every pull request, with problems shown as annotations on the changed lines. */
function githubWorkflow(): string {
  return [
    '# Checks incident files on every pull request; problems appear as annotations on the diff.',
    '# The tool is a dev dependency in package.json, at the version package-lock.json pins.',
    'name: Incidents',
    'on:',
    '  pull_request:',
    '  push:',
    '    branches: [main]',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  validate:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...githubSteps().map((line) => `      ${line}`),
    '',
  ].join('\n');
}

function githubSteps(): string[] {
  return [
    '- uses: actions/checkout@v4',
    '- uses: actions/setup-node@v4',
    '  with:',
    '    node-version: 22',
    '- run: npm ci',
    '- name: Validate incidents',
    '  run: npx postmortem validate --format github',
    '- name: Check formatting',
    '  run: npx postmortem fmt --check --format github',
  ];
}

/**
 * Validates incident files in merge requests and on the default branch. The
 * problems go into a Code Quality report, which GitLab shows in the merge
 * request; the report is kept even though the job fails on a problem.
 */
function gitlabJob(): string {
  return [
    '# Checks incident files in merge requests and on the default branch; problems appear',
    "# in the merge request's Code Quality widget, and in the job log.",
    '# The tool is a dev dependency in package.json, at the version package-lock.json pins.',
    'postmortem:',
    '  image: node:22',
    '  rules:',
    '    - if: $CI_PIPELINE_SOURCE == "merge_request_event"',
    '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
    '  script:',
    '    - npm ci',
    '    # Exits 1 on a problem, which fails the job; the report is uploaded all the same.',
    `    - npx postmortem validate --format gitlab > ${GITLAB_REPORT}`,
    '    - npx postmortem fmt --check',
    '  artifacts:',
    '    when: always',
    '    reports:',
    `      codequality: ${GITLAB_REPORT}`,
    '',
  ].join('\n');
}
