/**
 * @file SVG path data for a QR symbol: one closed rectangle per horizontal run of dark modules,
 * offset by the quiet zone. Pure (no DOM, no QR encoder) so it is unit-tested on its own; the
 * renderer in ui/qr-render.ts draws it with attributes only (the CSP forbids style attributes).
 */

/** A square module matrix, row-major: `data[row * size + col]` is non-zero for a dark module. */
export interface QrMatrix {
  size: number;
  data: ArrayLike<number>;
}

/** Light modules around the symbol that the QR standard asks for (ISO/IEC 18004: 4). */
export const QR_QUIET_ZONE = 4;

/** Width and height of the drawing in modules, quiet zone included. */
export function qrViewSize(matrix: Pick<QrMatrix, 'size'>, quietZone = QR_QUIET_ZONE): number {
  return matrix.size + 2 * quietZone;
}

/**
 * `d` for a path filling every dark module: `M{x} {y}h{run}v1h-{run}z` per run, in module
 * units with the quiet zone as offset. Empty string for a matrix without dark modules.
 */
export function qrPathData(matrix: QrMatrix, quietZone = QR_QUIET_ZONE): string {
  const { size, data } = matrix;
  if (!Number.isInteger(size) || size < 0 || data.length < size * size) throw new RangeError('matrix data does not match its size');
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!data[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && data[row * size + col]) col++;
      const run = col - start;
      parts.push(`M${start + quietZone} ${row + quietZone}h${run}v1h-${run}z`);
    }
  }
  return parts.join('');
}
