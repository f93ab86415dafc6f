/** Where the answer to a live request goes: its value, or the reason it failed. */
export interface AnswerHandlers<T> {
  value: (value: T) => void;
  error: (error: unknown) => void;
}

/**
 * Asks `request` once the settings have rested `delayMs` (at once for 0) and hands the answer on,
 * unless the returned cancel ran first. Made for an `$effect` that follows settings: returning the
 * cancel as the effect's cleanup drops a stale answer when the settings change again, or when the
 * component goes away, and skips asking at all when they change within the delay.
 */
export function latestAnswer<T>(
  request: () => Promise<T>,
  delayMs: number,
  handlers: AnswerHandlers<T>,
): () => void {
  let live = true;
  const ask = () => {
    request().then(
      (value) => {
        if (live) handlers.value(value);
      },
      (error: unknown) => {
        if (live) handlers.error(error);
      },
    );
  };
  const timer = delayMs > 0 ? setTimeout(ask, delayMs) : null;
  if (timer === null) ask();
  return () => {
    live = false;
    if (timer !== null) clearTimeout(timer);
  };
}
