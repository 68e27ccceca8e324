/**
 * @file gzip through the platform's CompressionStream (browsers, Workers and Node 18+), for the
 * move between phones: the export payload is JSON, and fewer bytes mean fewer QR frames. Reading
 * stops at a bound, so that a small crafted message cannot inflate into gigabytes.
 */
import { AppError } from './errors';
import { asBytes, concatBytes, type Bytes } from './crypto/bytes';

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Bytes> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      for (const c of chunks) c.fill(0);
      throw new AppError('move/damaged');
    }
    chunks.push(value);
  }
  const out = concatBytes(...chunks);
  for (const c of chunks) c.fill(0);
  return out;
}

function through(data: Uint8Array, transform: CompressionStream | DecompressionStream, limit: number): Promise<Bytes> {
  const source = new Blob([asBytes(data)]).stream().pipeThrough(transform);
  return collect(source, limit);
}

export function gzip(data: Uint8Array): Promise<Bytes> {
  return through(data, new CompressionStream('gzip'), Number.MAX_SAFE_INTEGER);
}

/** Throws `move/damaged` on a corrupt stream or past `limit` bytes of output. */
export async function gunzipBounded(data: Uint8Array, limit: number): Promise<Bytes> {
  try {
    return await through(data, new DecompressionStream('gzip'), limit);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('move/damaged', { cause: err });
  }
}
