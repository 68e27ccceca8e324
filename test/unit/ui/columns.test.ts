import { describe, expect, it } from 'vitest';
import { columnsFor } from '../../../src/ui/codes/columns-controller';

describe('columnsFor (windowed list rows)', () => {
  it('fits cards at least 20rem wide with 0.75rem gaps', () => {
    // A 360 px phone (1rem padding each side), a tablet, the 64rem desktop column.
    expect(columnsFor(328, 16)).toBe(1);
    expect(columnsFor(668, 16)).toBe(2);
    expect(columnsFor(992, 16)).toBe(3);
    expect(columnsFor(651, 16)).toBe(1);
    // Larger text → fewer columns.
    expect(columnsFor(992, 24)).toBe(2);
    expect(columnsFor(0, 16)).toBe(1);
  });
});
