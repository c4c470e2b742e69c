/** The line (plus a hint when the error carries one) printed when a command fails: never a stack trace unless DEBUG is set. */
export function describeFatal(error: unknown): string {
  if (!(error instanceof Error)) return `Error: ${String(error)}`;
  const hint = (error as { hint?: unknown }).hint;
  const lines = [`Error: ${error.message}`];
  if (typeof hint === 'string' && hint) lines.push(hint);
  if (process.env.DEBUG && error.stack) lines.push(error.stack);
  return lines.join('\n');
}
