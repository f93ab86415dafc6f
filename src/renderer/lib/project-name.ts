import { projectNameSchema } from '../../shared/api/contract';

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** Checks a project name with the same schema the Node side enforces, for instant feedback. */
export function checkProjectName(input: string): NameCheck {
  const parsed = projectNameSchema.safeParse(input);
  if (parsed.success) return { ok: true, name: parsed.data };
  return { ok: false, message: capitalize(parsed.error.issues[0]?.message ?? 'invalid project name') };
}

function capitalize(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}
