import { describe, expect, it } from 'vitest';
import { toCameraError } from '../../../src/ui/scan/camera-stream';

const named = (name: string): Error => Object.assign(new Error('browser text that may hold a device label'), { name });

describe('camera errors', () => {
  it('map getUserMedia failures to codes the scanner can explain', () => {
    expect(toCameraError(named('NotAllowedError')).code).toBe('scan/camera-denied');
    expect(toCameraError(named('SecurityError')).code).toBe('scan/camera-denied');
    expect(toCameraError(named('NotFoundError')).code).toBe('scan/no-camera');
    expect(toCameraError(named('OverconstrainedError')).code).toBe('scan/no-camera');
    expect(toCameraError(named('NotReadableError')).code).toBe('scan/camera-failed');
    expect(toCameraError('Camera not found.').code).toBe('scan/camera-failed');
    expect(toCameraError(null).code).toBe('scan/camera-failed');
  });

  it('never copy the browser message into the error', () => {
    expect(toCameraError(named('NotAllowedError')).message).toBe('scan/camera-denied');
  });
});
