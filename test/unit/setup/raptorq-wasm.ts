/**
 * Unit tests run in Node, where Vite's asset URL of raptorq's wasm cannot be fetched: the move's
 * frame codec (formats/move/frames.ts) is given the wasm's bytes instead.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setMoveFramesWasm } from '../../../src/formats/move/frames';

setMoveFramesWasm(readFileSync(createRequire(import.meta.url).resolve('raptorq/raptorq_bg.wasm')));
