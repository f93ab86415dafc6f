/**
 * Budgets reaching the per-class selectors come from code (the orchestrator clamps the user's IPC
 * to the class size), so a bad one is a bug: a plain Error, not an ApiError.
 */
export function checkBudget(budget: number): void {
  if (!Number.isInteger(budget) || budget < 0)
    throw new Error(`budget must be an integer ≥ 0, got ${budget}`);
}
