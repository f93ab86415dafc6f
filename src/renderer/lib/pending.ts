import { errorMessage, fieldErrors } from './errors';

/** A button's action while it runs, and why it failed last time. */
export interface ActionState {
  pending: boolean;
  error: string | null;
}

export const IDLE_ACTION: ActionState = { pending: false, error: null };

/**
 * Runs one action of a button (cancel, resume, compare…): `show` gets the pending state at once and,
 * when it ends, the idle state with the failure's message, if any.
 */
export async function attempt(
  action: () => Promise<void>,
  show: (state: ActionState) => void,
): Promise<void> {
  show({ pending: true, error: null });
  try {
    await action();
    show(IDLE_ACTION);
  } catch (error) {
    show({ pending: false, error: errorMessage(error) });
  }
}

/** What a form's validation gives: the request, or a message per field. */
export type FormCheck<P, F extends string> =
  { ok: true; params: P } | { ok: false; errors: Partial<Record<F, string>> };

/** What a form shows: a message per field, the message of a refused submission, and whether it is sending. */
export interface FormState<F extends string> {
  errors: Partial<Record<F, string>>;
  submitError: string | null;
  submitting: boolean;
}

export function idleForm<F extends string>(): FormState<F> {
  return { errors: {}, submitError: null, submitting: false };
}

export interface SubmitOptions<F extends string> {
  /** The field messages of a refusal; by default the bad_request envelope's, keyed by field. */
  fields?: (error: unknown) => Partial<Record<F, string>>;
  /** The form-level message of a refusal; by default the envelope's message. */
  message?: (error: unknown) => string;
}

/**
 * Submits a checked form. An invalid form only shows its messages (nothing is sent); a valid one
 * clears them and is sent while `submitting` is shown; a refusal shows its message and the fields it
 * names. `show` gets every state as it comes.
 */
export async function submitChecked<P, F extends string>(
  check: FormCheck<P, F>,
  send: (params: P) => Promise<void>,
  show: (state: FormState<F>) => void,
  options: SubmitOptions<F> = {},
): Promise<void> {
  if (!check.ok) {
    show({ errors: check.errors, submitError: null, submitting: false });
    return;
  }
  show({ errors: {}, submitError: null, submitting: true });
  try {
    await send(check.params);
    show(idleForm());
  } catch (error) {
    const fields = options.fields ?? ((e: unknown) => fieldErrors(e) as Partial<Record<F, string>>);
    show({ errors: fields(error), submitError: (options.message ?? errorMessage)(error), submitting: false });
  }
}
