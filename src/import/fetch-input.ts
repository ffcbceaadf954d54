import { readLimited } from './read-limited.js';

/**
 * Fetching an import's input from an address: `https://` only (plain http
 * could be read or changed on the way), except to this machine's loopback
 * address, where a local copy or a test server answers. The whole exchange
 * has a time limit and the answer a size limit, counted as it streams in:
 * past either, the request is aborted and nothing is kept.
 */
export interface FetchLimits {
  /** The whole request, answer included. */
  timeoutMs: number;
  maxBytes: number;
  /** Node's `fetch` unless a test gives another. */
  fetch?: typeof fetch;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 30_000, maxBytes: 32 * 1024 * 1024 };

export type Fetched = { ok: true; bytes: Buffer; address: string } | { ok: false; message: string; hint: string };

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Why an address may not be fetched, or `undefined` when it may. */
export function addressProblem(address: URL): string | undefined {
  if (address.protocol === 'https:') return undefined;
  if (address.protocol === 'http:' && LOOPBACK.has(address.hostname)) return undefined;
  return `Unexpected ${address.protocol.replace(/:$/, '')} address, expected https://`;
}

export async function fetchBytes(address: URL, limits: FetchLimits): Promise<Fetched> {
  const refused = addressProblem(address);
  if (refused) return { ok: false, message: refused, hint: 'Give the https:// address, or save the JSON and give the file.' };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  try {
    const response = await (limits.fetch ?? fetch)(address, { signal: controller.signal, redirect: 'follow', headers: { accept: 'application/json' } });
    // A redirect may not lead to plain http.
    const landed = new URL(response.url || address.href);
    const redirected = addressProblem(landed);
    if (redirected) return { ok: false, message: `${address.href} redirects to ${landed.href}: ${redirected}`, hint: 'Give the address it should be read from.' };
    if (!response.ok) return { ok: false, message: `${address.href} answered ${response.status} ${response.statusText}`.trimEnd(), hint: 'Check the address in a browser.' };
    const declared = Number(response.headers.get('content-length'));
    if (declared > limits.maxBytes) return tooLarge(address, limits);
    const read = response.body ? await readLimited(response.body, limits.maxBytes) : { ok: true as const, bytes: Buffer.alloc(0) };
    if (!read.ok) {
      controller.abort();
      return tooLarge(address, limits);
    }
    return { ok: true, bytes: read.bytes, address: landed.href };
  } catch (error) {
    if (timedOut) {
      return { ok: false, message: `${address.href} did not answer within ${limits.timeoutMs / 1000} seconds`, hint: 'Try again later, or save the JSON and give the file.' };
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, message: `Cannot fetch ${address.href}: ${cause?.code ?? cause?.message ?? (error as Error).message}`, hint: 'Check the address and the network, or save the JSON and give the file.' };
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(address: URL, limits: FetchLimits): Fetched {
  return {
    ok: false,
    message: `${address.href} answered with more than ${sizeText(limits.maxBytes)}, over the limit for an import`,
    hint: 'Save the part you need as a file and give the file.',
  };
}

/** `32 MiB`, `1000 bytes`. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${bytes} bytes`;
}
