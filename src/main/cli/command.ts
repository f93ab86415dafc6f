/** What a command returns: human text, and the object `--json` prints on the last line. */
export interface CommandResult {
  text: string;
  json?: unknown;
}
