/**
 * @file Where the toasts sit (pure arithmetic on boxes, so it is unit-tested without a browser).
 *
 * A toast follows something the user just did, and what they need next is usually on screen:
 * the form's buttons, the control they touched, a QR code another phone is reading. Neither end of
 * the screen is always free (a long form has controls at both), so instead of a fixed edge the
 * toast takes the first place, from the bottom, where it covers nothing it was told to avoid.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Something the toast must not cover; a QR code weighs far more than a button. */
export interface Avoid {
  box: Box;
  weight: number;
}

/** A QR code being shown: covering any of it can make it unreadable. */
export const QR_WEIGHT = 1000;
/** A control the user touched, or the action row of the form it belongs to. */
export const CONTROL_WEIGHT = 1;
/** From the screen's edges (the safe area is already taken off the viewport). */
export const TOAST_MARGIN = 8;
/** Between the toast and a box it steps aside for. */
const GAP = 8;

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Top-left of a `size` toast stack in a `view` (both in the same coordinates as the boxes).
 * Candidates, in order of preference: the bottom edge, the top edge, then just above or below
 * each box to avoid (nearest the bottom first); on a screen wider than the toast, centred, then
 * at the start, then at the end of each line (beside a centred QR code rather than over it).
 * The first that covers nothing wins; if none is free, the one covering the least weight.
 */
export function placeToast(
  view: { width: number; height: number },
  size: { width: number; height: number },
  avoid: readonly Avoid[],
): { left: number; top: number } {
  const maxTop = Math.max(TOAST_MARGIN, view.height - TOAST_MARGIN - size.height);
  const clampTop = (y: number): number => Math.min(Math.max(y, TOAST_MARGIN), maxTop);
  const around = avoid.flatMap((a) => [a.box.bottom + GAP, a.box.top - GAP - size.height]).map(clampTop);
  const tops = unique([maxTop, TOAST_MARGIN, ...around.sort((a, b) => b - a)]);

  const centre = Math.max(TOAST_MARGIN, (view.width - size.width) / 2);
  const lefts = unique([centre, TOAST_MARGIN, Math.max(TOAST_MARGIN, view.width - TOAST_MARGIN - size.width)]);

  let best = { left: centre, top: maxTop };
  let bestScore = Infinity;
  for (const top of tops) {
    for (const left of lefts) {
      const box = { left, top, right: left + size.width, bottom: top + size.height };
      const score = avoid.reduce((sum, a) => sum + a.weight * overlap(box, a.box), 0);
      if (score === 0) return { left, top };
      if (score < bestScore) {
        bestScore = score;
        best = { left, top };
      }
    }
  }
  return best;
}

function unique(values: readonly number[]): number[] {
  return values.filter((v, i) => values.findIndex((w) => Math.abs(w - v) < 0.5) === i);
}
