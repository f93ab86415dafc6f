/** The id of a field's hint, which its control names in aria-describedby. */
export function hintId(id: string): string {
  return `${id}-hint`;
}

/** The id of a field's error message, which its control names in aria-describedby. */
export function errorId(id: string): string {
  return `${id}-error`;
}

/** A control's aria-describedby: its hint and its error, when shown; undefined when neither is. */
export function describedBy(id: string, hint: string | null | undefined, error: string | null | undefined) {
  return [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean).join(' ') || undefined;
}
