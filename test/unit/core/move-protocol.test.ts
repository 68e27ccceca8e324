/** The move between phones (core/move-protocol.ts): pairing, check code, sealing, refusals. */
import { describe, expect, it } from 'vitest';
import { bytesToB64Url } from '../../../src/core/crypto/bytes';
import { AppError, type ErrorCode } from '../../../src/core/errors';
import {
  moveCheckCode,
  moveText,
  moveTranscript,
  MOVE_VERSION,
  MoveReceiver,
  MoveSender,
  parseMoveText,
  SESSION_ID_BYTES,
} from '../../../src/core/move-protocol';
import { expectAppError } from '../fixtures/expect-app-error';
import { FIXTURE_ACCOUNTS, FIXTURE_APP, FIXTURE_NOW } from './export-fixtures';

const FIRST = {
  ...FIXTURE_ACCOUNTS[0]!,
  favourite: true,
  groups: ['Work', '仕事'],
  notes: 'Desk drawer\nsecond line',
  recoveryCodes: [
    { code: 'abcd-efgh', usedAt: 1_700_000_000_000 },
    { code: 'ijkl-mnop', usedAt: 0 },
  ],
  icon: 'data:image/png;base64,iVBORw0KGgo=',
};
const RICH = [FIRST, ...FIXTURE_ACCOUNTS.slice(1)];

async function rejects(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
}

async function paired(): Promise<{ receiver: MoveReceiver; sender: MoveSender; check: string }> {
  const receiver = await MoveReceiver.start();
  const sender = await MoveSender.pair(receiver.pairing);
  const check = await receiver.acceptHello(sender.hello);
  return { receiver, sender, check };
}

describe('move protocol', () => {
  it('gives both phones the same 6-digit check code and moves every detail of the accounts', async () => {
    const { receiver, sender, check } = await paired();
    expect(check).toMatch(/^[0-9]{6}$/);
    expect(check).toBe(sender.check);
    expect(receiver.sessionTag).toBe(sender.sessionTag);
    const payload = await receiver.open(await sender.seal(RICH, FIXTURE_NOW, FIXTURE_APP));
    expect(payload.count).toBe(RICH.length);
    expect(payload.accounts[0]).toMatchObject({ favourite: true, groups: ['Work', '仕事'], notes: 'Desk drawer\nsecond line', icon: FIRST.icon });
    expect(payload.accounts[0]!.recoveryCodes).toEqual(FIRST.recoveryCodes);
    expect(payload.accounts.map((a) => a.secretB32)).toEqual(RICH.map((a) => a.secretB32));
  });

  it('derives a check code from the whole transcript: another key or session changes it', () => {
    const sid = new Uint8Array(SESSION_ID_BYTES).fill(1);
    const a = new Uint8Array(65).fill(2);
    const b = new Uint8Array(65).fill(3);
    const base = moveCheckCode(moveTranscript(sid, a, b));
    expect(moveCheckCode(moveTranscript(sid, a, b))).toBe(base);
    expect(moveCheckCode(moveTranscript(sid, b, a))).not.toBe(base);
    expect(moveCheckCode(moveTranscript(new Uint8Array(SESSION_ID_BYTES).fill(9), a, b))).not.toBe(base);
  });

  it('reads only its own codes, strictly', async () => {
    const receiver = await MoveReceiver.start();
    expect(parseMoveText(receiver.pairing, 'PAIR').sessionId).toHaveLength(SESSION_ID_BYTES);
    expectAppError(() => parseMoveText('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', 'PAIR'), 'move/not-a-move-code');
    expectAppError(() => parseMoveText(receiver.pairing, 'HELLO'), 'move/not-a-move-code');
    expectAppError(() => parseMoveText(receiver.pairing.replace(`:${MOVE_VERSION}:`, `:${MOVE_VERSION + 1}:`), 'PAIR'), 'move/newer-version');
    // Version 1 cut its frames with bc-ur: the other phone's Omamori must update.
    expectAppError(() => parseMoveText(receiver.pairing.replace(`:${MOVE_VERSION}:`, ':1:'), 'PAIR'), 'move/older-version');
    expectAppError(() => parseMoveText(receiver.pairing.replace(`:${MOVE_VERSION}:`, ':0:'), 'PAIR'), 'move/not-a-move-code');
    expectAppError(() => parseMoveText(`${receiver.pairing}A`, 'PAIR'), 'move/not-a-move-code');
    const notOnCurve = moveText('PAIR', new Uint8Array(SESSION_ID_BYTES), Uint8Array.of(4, ...new Uint8Array(64).fill(7)));
    await rejects(MoveSender.pair(notOnCurve), 'move/not-a-move-code');
  });

  it("refuses another session's hello, and a second hello with another key (substituted or replayed)", async () => {
    const { receiver, sender } = await paired();
    const stranger = await MoveSender.pair((await MoveReceiver.start()).pairing);
    await rejects(receiver.acceptHello(stranger.hello), 'move/other-session');
    const sid = parseMoveText(receiver.pairing, 'PAIR').sessionId;
    const otherKey = parseMoveText(stranger.hello, 'HELLO').publicRaw;
    await rejects(receiver.acceptHello(`OMAMORI-MOVE:${MOVE_VERSION}:HELLO:${bytesToB64Url(sid)}:${bytesToB64Url(otherKey)}`), 'move/other-session');
    // The same hello again (the camera reads it twice) is fine.
    expect(await receiver.acceptHello(sender.hello)).toBe(sender.check);
  });

  it("refuses a message sealed for another session, and opens a session's message once only", async () => {
    const first = await paired();
    const second = await paired();
    const message = await first.sender.seal(FIXTURE_ACCOUNTS, FIXTURE_NOW, FIXTURE_APP);
    await rejects(second.receiver.open(message), 'move/damaged');
    await first.receiver.open(message);
    await rejects(first.receiver.open(message), 'move/other-session');
    await rejects(first.sender.seal(FIXTURE_ACCOUNTS, FIXTURE_NOW, FIXTURE_APP), 'move/other-session');
  });

  it('refuses a damaged message with nothing returned, and can still open the intact one', async () => {
    const { receiver, sender } = await paired();
    const message = await sender.seal(FIXTURE_ACCOUNTS, FIXTURE_NOW, FIXTURE_APP);
    for (const index of [5, 20, message.length - 1]) {
      const bad = message.slice();
      bad[index]! ^= 1;
      await rejects(receiver.open(bad), 'move/damaged');
    }
    const older = message.slice();
    older[0] = MOVE_VERSION - 1;
    await rejects(receiver.open(older), 'move/damaged');
    const newer = message.slice();
    newer[0] = MOVE_VERSION + 1;
    await rejects(receiver.open(newer), 'move/newer-version');
    await rejects(receiver.open(message.slice(0, 20)), 'move/damaged');
    expect((await receiver.open(message)).count).toBe(FIXTURE_ACCOUNTS.length);
  });

  it('cannot open before the hello, nor after Cancel', async () => {
    const receiver = await MoveReceiver.start();
    await rejects(receiver.open(new Uint8Array(100)), 'move/other-session');
    const sender = await MoveSender.pair(receiver.pairing);
    receiver.cancel();
    await rejects(receiver.acceptHello(sender.hello), 'move/other-session');
  });
});
