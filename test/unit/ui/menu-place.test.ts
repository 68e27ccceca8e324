import { describe, expect, it } from 'vitest';
import { placeMenu } from '../../../src/ui/shared/menu-place';

describe('placeMenu (the row, Add and options menus)', () => {
  const button = (left: number, top: number) => ({ left, right: left + 44, top, bottom: top + 44 });

  it('opens below its button, end-aligned with it', () => {
    // A ⋮ button at the end of a row on a 390×844 phone; the menu is 200×180.
    expect(placeMenu(button(330, 100), 200, 180, 390, 844)).toEqual({ left: 174, top: 148 });
  });

  it('opens above when there is no room below (the last rows of the screen)', () => {
    expect(placeMenu(button(330, 780), 200, 180, 390, 844)).toEqual({ left: 174, top: 596 });
  });

  it('stays on screen: never past the left or right edge, nor above the top', () => {
    // A button near the left edge (the Add button of a narrow header) and a wide menu.
    expect(placeMenu(button(4, 8), 260, 180, 320, 844).left).toBe(8);
    // A context menu at the right edge of the screen.
    expect(placeMenu({ left: 318, right: 318, top: 300, bottom: 300 }, 200, 180, 320, 844).left).toBe(112);
    // A menu taller than the space above and below: pinned 8 px from the top.
    expect(placeMenu(button(100, 300), 200, 600, 390, 700).top).toBe(8);
  });
});
