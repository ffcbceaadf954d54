import { Type } from '@sinclair/typebox';
import { markdownField, strictObject, textField } from './schema-builders.js';

/** An incident's `impact`: what users experienced, how many, what was measured, and the SLO it cost. */

export const Metric = strictObject(
  {
    name: textField('Metric', 'What was measured.', ['Failed message sends']),
    value: Type.Number({ title: 'Value', description: 'The measured value, a plain number.', examples: [100] }),
    unit: Type.Optional(textField('Unit', 'Unit of the value.', ['%', 'requests/s'])),
  },
  {
    title: 'Metric',
    description: 'One measured effect of the incident: `name`, `value` and an optional `unit`.',
    examples: [{ name: 'Failed message sends', value: 100, unit: '%' }],
  },
);

export const Slo = strictObject(
  {
    name: textField('SLO name', 'The service-level objective affected.', ['Message delivery availability']),
    // The descriptions and first examples of these numbers are quoted in the CLI's out-of-range hints.
    objective: Type.Number({
      exclusiveMinimum: 0,
      exclusiveMaximum: 100,
      title: 'Objective',
      description: 'Objective in percent over the window, between 0 and 100 exclusive.',
      examples: [99.9, 99.95],
    }),
    window_days: Type.Number({
      exclusiveMinimum: 0,
      title: 'Window (days)',
      description: 'Length of the SLO window in days.',
      examples: [30, 28],
    }),
    error_rate: Type.Number({
      minimum: 0,
      maximum: 100,
      title: 'Error rate',
      description: 'Percent of requests that were bad during the impact.',
      examples: [100, 35],
    }),
  },
  {
    title: 'SLO',
    description: 'The SLO the incident consumed error budget of; enables error-budget figures.',
    markdownDescription:
      'The SLO the incident consumed error budget of; enables error-budget figures.\n\n' +
      'Budget = `window_days` × 1440 × (100 − `objective`) / 100 minutes; consumed = duration × `error_rate` / 100.',
    examples: [{ name: 'Message delivery availability', objective: 99.95, window_days: 30, error_rate: 100 }],
  },
);

export const Impact = strictObject(
  {
    description: markdownField('Impact description', 'What users experienced.', [
      'All message sends failed; clients queued messages and retried.',
    ]),
    users_affected: Type.Optional(
      Type.Integer({
        minimum: 0,
        // Past 2^53 - 1 a whole number cannot be held exactly: 9007199254740993 would be shown as ...992.
        maximum: Number.MAX_SAFE_INTEGER,
        title: 'Users affected',
        description: 'How many users were affected.',
        examples: [500000000],
      }),
    ),
    metrics: Type.Optional(
      Type.Array(Metric, {
        title: 'Metrics',
        description: 'Measured effects, one row each.',
        examples: [[{ name: 'Failed message sends', value: 100, unit: '%' }]],
      }),
    ),
    slo: Type.Optional(Slo),
  },
  {
    title: 'Impact',
    description: 'The effect on users: `description` (required), `users_affected`, `metrics` and `slo`.',
    examples: [{ description: 'About a third of checkouts timed out; customers retried.', users_affected: 12000 }],
  },
);
