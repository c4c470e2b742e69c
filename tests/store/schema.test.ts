import { readFileSync } from 'node:fs';
import { SCHEMA_FILE, splitStatements } from '../../store/schema';

describe('splitStatements', () => {
  it('drops comment lines and splits on semicolons at line ends, keeping multi-line statements whole', () => {
    const script = '// header\nCREATE A;\n// note\nCREATE B\n  OPTIONS {x: 1};\n\n';
    expect(splitStatements(script)).toEqual(['CREATE A', 'CREATE B\n  OPTIONS {x: 1}']);
  });

  it('finds every statement of cypher/schema.cypher, all idempotent', () => {
    const statements = splitStatements(readFileSync(SCHEMA_FILE, 'utf8'));
    expect(statements.length).toBeGreaterThanOrEqual(8);
    for (const statement of statements) expect(statement).toMatch(/IF NOT EXISTS/);
    expect(statements.filter((s) => s.includes("'cjk'"))).toHaveLength(2);
  });
});
