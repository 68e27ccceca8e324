/**
 * @file Entry of its own, loaded `async` from index.html's head (vite.config.ts, startOrder): begins
 * the first code's IndexedDB read before the entry chunk has arrived (storage/early-read.ts).
 */
import { beginEarlyRead } from './storage/early-read';

beginEarlyRead();
