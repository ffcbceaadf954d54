/** What a YAML file holds, in the words its problems are reported with. */
export interface YamlFileKind {
  /** `an incident file`, `incident files`: what does not use anchors, tags or deep nesting. */
  singular: string;
  plural: string;
  /** What an empty file should have held. */
  empty: string;
  /** The top level's words: `expected a mapping of incident fields`. */
  mapping: string;
  /** What the top level looks like, for the hint. */
  example: string;
  /** A second document: the message's end and the hint. */
  oneDocument: string;
  secondDocument: string;
}

export const INCIDENT_FILE: YamlFileKind = {
  singular: 'an incident file',
  plural: 'incident files',
  empty: 'an incident mapping',
  mapping: 'a mapping of incident fields',
  example: 'An incident file is a mapping: `id: ...`, `title: ...`, `timeline: ...` and so on.',
  oneDocument: 'one incident per file',
  secondDocument: 'Remove the `---` separator and move the second incident into a file of its own.',
};

export const CONFIGURATION_FILE: YamlFileKind = {
  singular: 'a configuration file',
  plural: 'configuration files',
  empty: 'a mapping of settings',
  mapping: 'a mapping of settings',
  example: 'A configuration file is a mapping: `timezone: ...`, `severities: ...` and so on (docs/configuration.md).',
  oneDocument: 'one configuration per file',
  secondDocument: 'Remove the `---` separator and what follows it, or merge it into the settings above.',
};
