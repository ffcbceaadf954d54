/** Readers for data whose shape has not been confirmed by the schema. */

export type Loose = Record<string, unknown>;

export function asRecord(value: unknown): Loose | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The timeline events that are mappings, with their index in the file. */
export function timelineEvents(data: Loose): { event: Loose; index: number }[] {
  const events: { event: Loose; index: number }[] = [];
  asArray(data.timeline).forEach((value, index) => {
    const event = asRecord(value);
    if (event) events.push({ event, index });
  });
  return events;
}
