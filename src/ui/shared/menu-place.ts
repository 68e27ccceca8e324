/** @file Where a menu opens (pure arithmetic, so it is unit-tested without a browser). */

const MARGIN = 8;
const GAP = 4;

/**
 * Top-left of a `w`×`h` menu for its opener's box, inside a `vw`×`vh` viewport: below the opener
 * when it fits, otherwise above it; end-aligned with the opener (the ⋮ button sits at the row's
 * end), and never closer than 8 px to an edge of the screen.
 */
export function placeMenu(
  box: { left: number; right: number; top: number; bottom: number },
  w: number,
  h: number,
  vw: number,
  vh: number,
): { left: number; top: number } {
  const left = Math.min(Math.max(MARGIN, box.right - w), Math.max(MARGIN, vw - w - MARGIN));
  const below = box.bottom + GAP;
  const top = below + h <= vh - MARGIN ? below : Math.max(MARGIN, box.top - h - GAP);
  return { left, top };
}
