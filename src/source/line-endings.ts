/**
 * FORMAT.md allows LF and CRLF line endings only. YAML 1.2 also takes a lone
 * CR for a line break, but `yaml` does not: a file saved with CR line endings
 * would read as one long comment line ("File is empty"), and a stray CR would
 * end up inside a value. Such a file is refused, at its first lone CR.
 */
export interface LoneCarriageReturn {
  offset: number;
  /** The file has no LF at all: it was saved with CR line endings. */
  crOnly: boolean;
}

export function firstLoneCarriageReturn(text: string): LoneCarriageReturn | undefined {
  for (let index = text.indexOf('\r'); index !== -1; index = text.indexOf('\r', index + 1)) {
    if (text[index + 1] !== '\n') return { offset: index, crOnly: !text.includes('\n') };
  }
  return undefined;
}
