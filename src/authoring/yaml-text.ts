import { stringify } from 'yaml';

/**
 * A value as YAML text for one line of a hand-written file: plain where
 * YAML allows, quoted where it must be (`: `, `#`, a leading `*`, `no`…).
 * Lines are never folded.
 */
export function yamlInline(value: string | readonly string[]): string {
  return stringify(value, { lineWidth: 0, flowCollectionPadding: false, collectionStyle: 'flow' }).trimEnd();
}
