/**
 * How every template is compiled, at run time or ahead of time
 * (scripts/templates-source.ts). Strict mode turns a misspelt field into an
 * error instead of empty text; no HTML escaping, because every view string is
 * already escaped for Markdown. check-template.ts goes further, before
 * rendering: strict mode lets a misspelt helper argument
 * (`{{#if rootCauseBlok}}`) through.
 */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;
