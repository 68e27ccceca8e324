/**
 * @file Opening and closing the camera ourselves (not through qr-scanner, which reports every
 * getUserMedia failure as "Camera not found."): typed errors the scanner can explain.
 */
import { AppError } from '../../core/errors';

export interface Camera {
  id: string;
  label: string;
}

export function toCameraError(err: unknown): AppError {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return new AppError('scan/camera-denied', { cause: err });
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return new AppError('scan/no-camera', { cause: err });
  // NotReadableError (another app holds the camera), AbortError, anything else.
  return new AppError('scan/camera-failed', { cause: err });
}

/** The back camera by default, or `deviceId`. Aborted after opening → tracks stopped, `aborted` thrown. */
export async function openCameraStream(deviceId: string | undefined, signal?: AbortSignal): Promise<MediaStream> {
  if (!window.isSecureContext) throw new AppError('scan/insecure-context');
  if (!navigator.mediaDevices?.getUserMedia) throw new AppError('scan/no-camera');
  // Dense transfer codes need pixels: ask for 1080p, accept whatever the camera has.
  const video: MediaTrackConstraints = { width: { ideal: 1920 }, height: { ideal: 1080 } };
  if (deviceId) video.deviceId = { exact: deviceId };
  else video.facingMode = { ideal: 'environment' };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: false, video });
  } catch (err) {
    throw toCameraError(err);
  }
  if (signal?.aborted) {
    stopStream(stream);
    throw new AppError('aborted');
  }
  return stream;
}

export function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

export async function listCameras(): Promise<Camera[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput' && d.deviceId).map((d) => ({ id: d.deviceId, label: d.label }));
}

export function hasTorch(track: MediaStreamTrack | undefined): boolean {
  const capabilities = track?.getCapabilities?.() as (MediaTrackCapabilities & { torch?: boolean }) | undefined;
  return capabilities?.torch === true;
}

export async function setTorch(track: MediaStreamTrack, on: boolean): Promise<void> {
  await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
}
