/**
 * A platform's role name as a key of FORMAT.md's `roles`, written the way
 * hand-written files write them (`Incident Lead` → `incident_lead`); the
 * postmortem shows it back as "Incident lead".
 */
export function roleKey(name: string): string {
  const key = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  return key || name;
}

/** Adds a person to a role; a role held by several people at once lists them all. */
export function addRole(roles: Record<string, string>, name: string, person: string): void {
  const key = roleKey(name);
  const current = roles[key];
  if (current === undefined) roles[key] = person;
  else if (!current.split(', ').includes(person)) roles[key] = `${current}, ${person}`;
}
