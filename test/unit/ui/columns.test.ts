import { describe, expect, it } from 'vitest';
import { columnsFor } from '../../../src/ui/controllers/columns-controller';

describe('columnsFor (windowed list rows)', () => {
  it('fits 20rem cards with 0.75rem gaps into at most 64rem', () => {
    expect(columnsFor(360, 16)).toBe(1);
    expect(columnsFor(700, 16)).toBe(2);
    expect(columnsFor(1280, 16)).toBe(3);
    expect(columnsFor(4000, 16)).toBe(3);
    // Larger text → fewer columns.
    expect(columnsFor(1280, 24)).toBe(2);
    expect(columnsFor(0, 16)).toBe(1);
  });
});
