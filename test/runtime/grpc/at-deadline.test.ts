/**
 * atDeadline (templates/runtime/grpc/client.ts): a grpc-go server resets a stream at its deadline
 * without a status, which grpc-js reports as CANCELLED when the reset beats its own timer; the client
 * reports DEADLINE_EXCEEDED instead, but only for a call whose deadline has passed and that its caller
 * did not cancel. (The race itself is exercised against a real go-zero server in test/interop/rpc.test.ts.)
 */
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { atDeadline } from '../../../templates/runtime/grpc/client.js';

function serviceError(code: grpc.status): grpc.ServiceError {
  return Object.assign(new Error(`${code} x`), { code, details: 'x', metadata: new grpc.Metadata() });
}

type When = 'past' | 'future' | 'none';

function deadlineAt(when: When): Date | undefined {
  if (when === 'none') return undefined;
  return new Date(Date.now() + (when === 'past' ? -10 : 60_000));
}

describe('atDeadline', () => {
  it.each([
    ['CANCELLED after the deadline, not cancelled by the caller', grpc.status.CANCELLED, 'past', false, grpc.status.DEADLINE_EXCEEDED],
    ['CANCELLED before the deadline (the server cancelled)', grpc.status.CANCELLED, 'future', false, grpc.status.CANCELLED],
    ['CANCELLED after the deadline, but the caller aborted', grpc.status.CANCELLED, 'past', true, grpc.status.CANCELLED],
    ['CANCELLED on a call without a deadline', grpc.status.CANCELLED, 'none', false, grpc.status.CANCELLED],
    ['another code after the deadline', grpc.status.UNAVAILABLE, 'past', false, grpc.status.UNAVAILABLE],
  ] as const)('%s', (_, code, when: When, aborted, want) => {
    const controller = new AbortController();
    if (aborted) controller.abort();
    const mapped = atDeadline(serviceError(code), deadlineAt(when), controller.signal) as grpc.ServiceError;
    expect(mapped.code).toBe(want);
    if (want === grpc.status.DEADLINE_EXCEEDED) {
      expect(mapped.details).toBe('Deadline exceeded');
      expect(mapped.message).toBe('4 DEADLINE_EXCEEDED: Deadline exceeded');
      expect(mapped.metadata).toBeInstanceOf(grpc.Metadata);
    }
  });
});
