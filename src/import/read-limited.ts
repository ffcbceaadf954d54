/** The bytes of a stream, or `ok: false` as soon as there are more than `maxBytes`. */
export async function readLimited(stream: AsyncIterable<Uint8Array>, maxBytes: number): Promise<{ ok: true; bytes: Buffer } | { ok: false }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > maxBytes) return { ok: false };
    chunks.push(Buffer.from(chunk));
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
