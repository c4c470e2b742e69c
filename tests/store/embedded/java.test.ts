import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  MIN_JAVA_MAJOR,
  Neo4jStartError,
  checkJavaVersion,
  detectJava,
  javaCommand,
  parseJavaVersion,
} from '../../../store/embedded/java';

const OPENJDK_17 = `openjdk version "17.0.15" 2025-04-15
OpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)
OpenJDK 64-Bit Server VM (build 17.0.15+6-Debian-1deb12u1, mixed mode, sharing)
`;
const TEMURIN_25 = `openjdk version "25.0.3" 2026-04-21 LTS
OpenJDK Runtime Environment Temurin-25.0.3+9 (build 25.0.3+9-LTS)
OpenJDK 64-Bit Server VM Temurin-25.0.3+9 (build 25.0.3+9-LTS, mixed mode, sharing)
`;
const TEMURIN_25_GA = `openjdk version "25" 2025-09-16 LTS
OpenJDK Runtime Environment Temurin-25+36 (build 25+36-LTS)
`;
const ORACLE_8 = `java version "1.8.0_292"
Java(TM) SE Runtime Environment (build 1.8.0_292-b10)
Java HotSpot(TM) 64-Bit Server VM (build 25.292-b10, mixed mode)
`;
const OPENJDK_11_WITH_TOOL_OPTIONS = `Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8
openjdk version "11.0.22" 2024-01-16
OpenJDK Runtime Environment (build 11.0.22+7-post-Debian-1deb11u1)
`;
const EA_21 = `openjdk version "21-ea" 2023-09-19
OpenJDK Runtime Environment (build 21-ea+34-2500)
`;

describe('parseJavaVersion', () => {
  it('reads OpenJDK 17', () => {
    expect(parseJavaVersion(OPENJDK_17)).toEqual({
      major: 17,
      version: '17.0.15',
      line: 'openjdk version "17.0.15" 2025-04-15',
    });
  });

  it('reads Temurin 25, with and without an update number', () => {
    expect(parseJavaVersion(TEMURIN_25)).toMatchObject({ major: 25, version: '25.0.3' });
    expect(parseJavaVersion(TEMURIN_25_GA)).toMatchObject({ major: 25, version: '25' });
  });

  it('reads the 1.x scheme of Java 8 and older as the second number', () => {
    expect(parseJavaVersion(ORACLE_8)).toMatchObject({ major: 8, version: '1.8.0_292' });
    expect(parseJavaVersion('java version "1.7.0_80"')).toMatchObject({ major: 7 });
  });

  it('skips noise lines and reads early-access versions', () => {
    expect(parseJavaVersion(OPENJDK_11_WITH_TOOL_OPTIONS)).toMatchObject({ major: 11, version: '11.0.22' });
    expect(parseJavaVersion(EA_21)).toMatchObject({ major: 21, version: '21-ea' });
  });

  it('returns null for garbage', () => {
    expect(parseJavaVersion('')).toBeNull();
    expect(parseJavaVersion('bash: java: command not found')).toBeNull();
    expect(
      parseJavaVersion(
        'Error: could not find libjava.so\nError: Could not find Java SE Runtime Environment.',
      ),
    ).toBeNull();
    expect(parseJavaVersion('openjdk version "banana"')).toBeNull();
    expect(parseJavaVersion('java version "0"')).toBeNull();
  });
});

describe('checkJavaVersion', () => {
  it('accepts 17 and newer', () => {
    expect(checkJavaVersion(parseJavaVersion(OPENJDK_17), 'java').major).toBe(17);
    expect(checkJavaVersion(parseJavaVersion(TEMURIN_25), 'java').major).toBe(25);
    expect(MIN_JAVA_MAJOR).toBe(17);
  });

  it('rejects Java 8 with JAVA_TOO_OLD, naming the version and how to fix it', () => {
    let error: unknown;
    try {
      checkJavaVersion(parseJavaVersion(ORACLE_8), '/usr/bin/java');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Neo4jStartError);
    const e = error as Neo4jStartError;
    expect(e.code).toBe('JAVA_TOO_OLD');
    expect(e.message).toContain('Java 17 or newer');
    expect(e.message).toContain('/usr/bin/java');
    expect(e.message).toContain('Java 8');
    expect(e.hint).toContain('apt-get install openjdk-17-jre-headless');
    expect(e.hint).toContain('NEO4J_URI');
  });

  it('rejects Java 11 too', () => {
    expect(() => checkJavaVersion(parseJavaVersion(OPENJDK_11_WITH_TOOL_OPTIONS), 'java')).toThrow(
      expect.objectContaining({ code: 'JAVA_TOO_OLD' }),
    );
  });

  it('treats unparseable output as no usable Java', () => {
    expect(() => checkJavaVersion(null, 'java')).toThrow(expect.objectContaining({ code: 'JAVA_MISSING' }));
  });
});

describe('javaCommand', () => {
  it('uses $JAVA_HOME/bin/java when JAVA_HOME is set, else java from PATH', () => {
    expect(javaCommand({ JAVA_HOME: '/opt/jdk-17' })).toBe(path.join('/opt/jdk-17', 'bin', 'java'));
    expect(javaCommand({ JAVA_HOME: '  ' })).toBe('java');
    expect(javaCommand({})).toBe('java');
  });
});

describe('detectJava', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'java-detect-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A fake JAVA_HOME whose bin/java prints `output` on stderr, as `java -version` does. */
  async function fakeJavaHome(name: string, output: string): Promise<string> {
    const home = path.join(dir, name);
    await mkdir(path.join(home, 'bin'), { recursive: true });
    const script = path.join(home, 'bin', 'java');
    await writeFile(script, `#!/bin/sh\ncat >&2 <<'EOF'\n${output}EOF\n`);
    await chmod(script, 0o755);
    return home;
  }

  it('finds the Java that JAVA_HOME names', async () => {
    const home = await fakeJavaHome('jdk17', OPENJDK_17);
    await expect(detectJava({ ...process.env, JAVA_HOME: home })).resolves.toMatchObject({
      command: path.join(home, 'bin', 'java'),
      major: 17,
    });
  });

  it('reports JAVA_TOO_OLD for a Java 8 JAVA_HOME', async () => {
    const home = await fakeJavaHome('jdk8', ORACLE_8);
    await expect(detectJava({ ...process.env, JAVA_HOME: home })).rejects.toMatchObject({
      code: 'JAVA_TOO_OLD',
    });
  });

  it('reports JAVA_MISSING, naming JAVA_HOME, when it has no bin/java', async () => {
    const home = path.join(dir, 'nothing-here');
    const error = await detectJava({ ...process.env, JAVA_HOME: home }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Neo4jStartError);
    expect(error).toMatchObject({ code: 'JAVA_MISSING' });
    expect((error as Error).message).toContain(home);
    expect((error as Neo4jStartError).hint).toMatch(/openjdk-17-jre-headless.*NEO4J_URI/);
  });

  it('reports JAVA_MISSING when there is no java on PATH', async () => {
    const { JAVA_HOME: _ignored, ...env } = process.env;
    await expect(detectJava({ ...env, PATH: path.join(dir, 'empty-path') })).rejects.toMatchObject({
      code: 'JAVA_MISSING',
    });
  });
});
