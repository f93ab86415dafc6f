import { describe, expect, it } from 'vitest';
import {
  attempt,
  idleForm,
  submitChecked,
  type ActionState,
  type FormState,
} from '../../../src/renderer/lib/pending';
import { ApiError } from '../../../src/shared/rpc/errors';

type Field = 'width' | 'epochs';

const refusal = new ApiError('bad_request', 'width: too small', [
  { path: ['params', 'width'], message: 'too small' },
]);

describe('attempt', () => {
  it('shows the action pending, then idle', async () => {
    const seen: ActionState[] = [];
    await attempt(
      async () => {},
      (state) => seen.push(state),
    );
    expect(seen).toEqual([
      { pending: true, error: null },
      { pending: false, error: null },
    ]);
  });

  it('shows a failure’s message when the action ends', async () => {
    const seen: ActionState[] = [];
    await attempt(
      () => Promise.reject(new ApiError('conflict', 'job 3 is not running')),
      (state) => seen.push(state),
    );
    expect(seen.at(-1)).toEqual({ pending: false, error: 'job 3 is not running' });
  });
});

describe('submitChecked', () => {
  it('only shows the messages of an invalid form: nothing is sent', async () => {
    const seen: FormState<Field>[] = [];
    const sent: unknown[] = [];
    await submitChecked<number, Field>(
      { ok: false, errors: { width: 'The width must be at least 4' } },
      async (p) => void sent.push(p),
      (s) => seen.push(s),
    );
    expect(sent).toEqual([]);
    expect(seen).toEqual([
      { errors: { width: 'The width must be at least 4' }, submitError: null, submitting: false },
    ]);
  });

  it('clears the messages and shows it sending, then idle', async () => {
    const seen: FormState<Field>[] = [];
    const sent: unknown[] = [];
    await submitChecked<{ width: number }, Field>(
      { ok: true, params: { width: 8 } },
      async (p) => {
        expect(seen).toEqual([{ errors: {}, submitError: null, submitting: true }]);
        sent.push(p);
      },
      (s) => seen.push(s),
    );
    expect(sent).toEqual([{ width: 8 }]);
    expect(seen.at(-1)).toEqual(idleForm());
  });

  it('shows a refusal’s message and the fields it names', async () => {
    const seen: FormState<Field>[] = [];
    await submitChecked<number, Field>(
      { ok: true, params: 1 },
      () => Promise.reject(refusal),
      (s) => seen.push(s),
    );
    expect(seen.at(-1)).toEqual({
      errors: { width: 'too small' },
      submitError: 'width: too small',
      submitting: false,
    });
  });

  it('takes the form’s own reading of a refusal', async () => {
    const seen: FormState<Field>[] = [];
    await submitChecked<number, Field>(
      { ok: true, params: 1 },
      () => Promise.reject(refusal),
      (s) => seen.push(s),
      { fields: () => ({}), message: (e) => `Refused: ${(e as Error).message}` },
    );
    expect(seen.at(-1)).toEqual({ errors: {}, submitError: 'Refused: width: too small', submitting: false });
  });
});
