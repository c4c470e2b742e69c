/**
 * Statements of a Cypher script as cypher-shell reads a file: `//` comment lines dropped, a statement
 * ending with `;` at the end of a line. Each keeps the line it starts on, for messages.
 */
export interface ScriptStatement {
  text: string;
  /** 1-based line of the script where the statement starts. */
  line: number;
}

export function splitStatements(script: string): ScriptStatement[] {
  const statements: ScriptStatement[] = [];
  let lines: string[] = [];
  let start = 0;
  const flush = () => {
    const text = lines.join('\n').trim();
    if (text.length > 0) statements.push({ text, line: start });
    lines = [];
  };
  script.split('\n').forEach((raw, index) => {
    if (raw.trim().startsWith('//')) return;
    if (lines.length === 0 && raw.trim() === '') return;
    if (lines.length === 0) start = index + 1;
    const end = /;\s*$/.exec(raw);
    if (end) {
      lines.push(raw.slice(0, end.index));
      flush();
    } else lines.push(raw);
  });
  flush();
  return statements;
}
