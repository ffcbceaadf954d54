/**
 * Every rule the validator can report, with a one-line description. The ids
 * are part of the public interface: JSON output and editors key on them.
 */
export const RULES = {
  'file-too-large': 'A file over 1 MiB is refused before parsing.',
  'file-unreadable': 'The file could not be read.',
  'file-encoding': 'The file is not valid UTF-8.',
  'yaml-syntax': 'The file is not valid YAML.',
  'yaml-tab-indent': 'Tabs are used for indentation.',
  'yaml-duplicate-key': 'A mapping has the same key twice.',
  'yaml-alias': 'Anchors and aliases are refused.',
  'yaml-multiple-documents': 'A file holds more than one YAML document.',
  'yaml-tag': 'A YAML tag was ignored.',
  'not-a-mapping': 'The top level of the file is not a mapping.',
  'required-key': 'A required key is missing.',
  'unknown-key': 'A key is not part of the format.',
  'wrong-type': 'A value has the wrong type.',
  'invalid-value': 'A value is not one of the allowed ones.',
  'invalid-format': 'A value does not match the required format.',
  'out-of-range': 'A number is outside its allowed range.',
  'empty-list': 'A list that needs items is empty.',
  'unknown-severity': 'The severity is not one of the configured levels.',
  'unknown-timezone': 'The time zone is not a known IANA zone.',
  'invalid-timestamp': 'A timeline time is not a real date and time.',
  'invalid-date': 'A date is not a real calendar date.',
  'dst-gap': 'A local time falls in a daylight-saving gap and does not exist.',
  'dst-overlap': 'A local time falls in a daylight-saving overlap and is ambiguous.',
  'missing-impact-start': 'The timeline has no impact-start milestone.',
  'duplicate-milestone': 'A milestone appears more than once.',
  'missing-resolved': 'A final incident has no resolved milestone.',
  'milestone-before-impact': 'A milestone is earlier than impact-start.',
  'event-after-resolved': 'A milestone is later than resolved.',
  'detected-after-mitigated': 'Detection is recorded after mitigation.',
  'acknowledged-before-detected': 'Acknowledgement is recorded before detection.',
  'timeline-order': 'Timeline events are not in chronological order.',
  'final-requires': 'A field required for final postmortems is missing.',
  'invalid-url': 'A URL is not an absolute http(s) URL.',
  'duplicate-id': 'Two incident files share the same id.',
  'output-unwritable': 'A postmortem could not be written to the output folder.',
  'template-error': 'A template could not be read, parsed or rendered.',
} as const;

export type RuleId = keyof typeof RULES;
