/**
 * The oldest Node.js the tool runs on: package.json's `engines` (a test
 * keeps the two in step). Checked before any other module is loaded, as an
 * older Node fails on them with errors that read like a bug of ours
 * ("does not provide an export named 'hash'").
 */
export const MINIMUM_NODE = '20.19.0';

/** Why this Node.js cannot run the tool, or `undefined` when it can. */
export function unsupportedNode(version: string): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const [needMajor = 0, needMinor = 0] = MINIMUM_NODE.split('.').map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return `postmortem needs Node.js ${MINIMUM_NODE} or later; this is ${version}. Install a newer Node.js (https://nodejs.org) and run it again.`;
}
