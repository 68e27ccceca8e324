/** All or nothing, including a folder the command was asked to create. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAllOrNothing } from '../../../src/cli/write-output';
import { listDir, tempDir } from './cli-helpers';

describe('writeAllOrNothing', () => {
  it('removes the folders it created when a later file cannot be written', async () => {
    const dir = tempDir();
    const created = path.join(dir, 'new', 'transfer');
    const files = [
      { target: path.join(created, 'a.png'), bytes: new Uint8Array([1]) },
      { target: path.join(dir, 'missing', 'b.png'), bytes: new Uint8Array([2]) },
    ];
    await expect(writeAllOrNothing(files, false, created)).rejects.toThrow(/The output folder .*missing does not exist\./);
    expect(existsSync(path.join(dir, 'new'))).toBe(false);
    expect(listDir(dir)).toEqual([]);
  });

  it('leaves a folder that already existed, and what was in it, when the write fails', async () => {
    const dir = tempDir();
    const files = [
      { target: path.join(dir, 'a.png'), bytes: new Uint8Array([1]) },
      { target: path.join(dir, 'missing', 'b.png'), bytes: new Uint8Array([2]) },
    ];
    await expect(writeAllOrNothing(files, false, dir)).rejects.toThrow(/does not exist/);
    expect(existsSync(dir)).toBe(true);
    expect(listDir(dir)).toEqual([]);
  });
});
