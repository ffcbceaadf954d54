import type { ImportSource } from '../import-source.js';
import { fireHydrantSource } from './firehydrant.js';
import { incidentIoSource } from './incident-io.js';
import { pagerdutySource } from './pagerduty.js';
import { slackSource } from './slack.js';
import { statuspageSource } from './statuspage.js';

/** Every source `postmortem import` knows, in the order `--help` lists them; a new source adds one line. */
export const IMPORT_SOURCES: readonly ImportSource[] = [statuspageSource, pagerdutySource, incidentIoSource, fireHydrantSource, slackSource];

export const IMPORT_SOURCE_NAMES: readonly string[] = IMPORT_SOURCES.map((source) => source.name);

export function importSource(name: string): ImportSource | undefined {
  return IMPORT_SOURCES.find((source) => source.name === name);
}
