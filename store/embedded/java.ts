/**
 * Finding the tools the embedded Neo4j launcher needs (a Java runtime >= 17 and, to build the
 * launcher once, Maven), and the error type every start failure is reported with.
 *
 * Only node built-ins: this runs before anything else in the server is up.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

/** The oldest Java that Neo4j 5.26 (the LTS the launcher embeds) runs on. */
export const MIN_JAVA_MAJOR = 17;

export type Neo4jStartErrorCode =
  'JAVA_MISSING' | 'JAVA_TOO_OLD' | 'PORT_IN_USE' | 'BUILD_FAILED' | 'START_FAILED' | 'TIMEOUT';

/** Shared by every "no embedded Neo4j for you" message: the way around all of them. */
export const USE_EXISTING_NEO4J_HINT =
  'or set NEO4J_URI (and NEO4J_USER/NEO4J_PASSWORD) to use a Neo4j server you already run';

/**
 * Why the embedded Neo4j could not be built or started. `message` says what went wrong (with the
 * tail of the Neo4j log when there is one), `hint` says how to fix it, in one line.
 */
export class Neo4jStartError extends Error {
  override readonly name = 'Neo4jStartError';
  readonly code: Neo4jStartErrorCode;
  readonly hint: string;
  /** Last lines of the Neo4j log file (or the launcher's stderr), when there were any. */
  readonly logTail: string[];

  constructor(
    code: Neo4jStartErrorCode,
    message: string,
    hint: string,
    options: { logTail?: string[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = hint;
    this.logTail = options.logTail ?? [];
  }
}

export interface JavaVersion {
  /** Feature release: 8 for "1.8.0_292", 17 for "17.0.15", 25 for "25". */
  major: number;
  /** The quoted version string as printed, e.g. "17.0.15" or "1.8.0_292". */
  version: string;
  /** The first line of `java -version` that names the version. */
  line: string;
}

/**
 * Parses the output of `java -version` (which goes to stderr; pass stdout and stderr together).
 * Understands both schemes: "1.8.0_292" (Java <= 8) and "17.0.15" / "25" / "21-ea" (Java 9+), and
 * ignores noise such as "Picked up JAVA_TOOL_OPTIONS: …". Returns null when no version is found.
 */
export function parseJavaVersion(output: string): JavaVersion | null {
  for (const rawLine of output.split(/\r?\n/)) {
    const line = rawLine.trim();
    const m = /\b(?:java|openjdk|jdk)\s+version\s+"([^"]+)"/i.exec(line);
    if (!m || m[1] === undefined) continue;
    const version = m[1];
    const major = majorOf(version);
    if (major === null) return null;
    return { major, version, line };
  }
  return null;
}

function majorOf(version: string): number | null {
  const legacy = /^1\.(\d+)(?:[._-]|$)/.exec(version);
  if (legacy?.[1] !== undefined) return Number(legacy[1]);
  const modern = /^(\d+)(?:[.+_-]|$)/.exec(version);
  if (modern?.[1] !== undefined) {
    const n = Number(modern[1]);
    return n > 0 ? n : null;
  }
  return null;
}

const JAVA_INSTALL_HINT =
  `Install OpenJDK ${MIN_JAVA_MAJOR} or newer (e.g. \`apt-get install openjdk-17-jre-headless\`, or set JAVA_HOME ` +
  `to a JDK ${MIN_JAVA_MAJOR}+), ${USE_EXISTING_NEO4J_HINT}.`;

/** Throws JAVA_TOO_OLD (or JAVA_MISSING when nothing could be parsed) unless `v` is new enough. */
export function checkJavaVersion(
  v: JavaVersion | null,
  command: string,
  min: number = MIN_JAVA_MAJOR,
): JavaVersion {
  if (v === null) {
    throw new Neo4jStartError(
      'JAVA_MISSING',
      `Could not tell which Java \`${command} -version\` is: no version in its output.`,
      JAVA_INSTALL_HINT,
    );
  }
  if (v.major < min) {
    throw new Neo4jStartError(
      'JAVA_TOO_OLD',
      `The embedded Neo4j needs Java ${min} or newer, but \`${command}\` is Java ${v.major} (${v.line}).`,
      JAVA_INSTALL_HINT,
    );
  }
  return v;
}

/** `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` from PATH. */
export function javaCommand(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.JAVA_HOME?.trim();
  if (home) return path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
  return 'java';
}

/** `$MAVEN_HOME/bin/mvn` when MAVEN_HOME is set, else `mvn` from PATH. */
export function mavenCommand(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.MAVEN_HOME?.trim();
  const exe = process.platform === 'win32' ? 'mvn.cmd' : 'mvn';
  if (home) return path.join(home, 'bin', exe);
  return exe;
}

interface RunResult {
  output: string;
  error: NodeJS.ErrnoException | null;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env, timeout: 60_000, maxBuffer: 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        resolve({ output: `${stderr}\n${stdout}`, error: error as NodeJS.ErrnoException | null });
      },
    );
  });
}

export interface DetectedJava extends JavaVersion {
  command: string;
}

/** Finds Java and checks it is >= 17; throws Neo4jStartError JAVA_MISSING / JAVA_TOO_OLD. */
export async function detectJava(env: NodeJS.ProcessEnv = process.env): Promise<DetectedJava> {
  const command = javaCommand(env);
  const { output, error } = await run(command, ['-version'], env);
  if (error && (error.code === 'ENOENT' || error.code === 'EACCES')) {
    const where = env.JAVA_HOME?.trim()
      ? `JAVA_HOME is ${env.JAVA_HOME} but ${command} does not exist or cannot be run`
      : 'no `java` on PATH';
    throw new Neo4jStartError(
      'JAVA_MISSING',
      `The embedded Neo4j needs Java ${MIN_JAVA_MAJOR}+, and there is ${where}.`,
      JAVA_INSTALL_HINT,
      { cause: error },
    );
  }
  const parsed = parseJavaVersion(output);
  if (parsed === null && error) {
    throw new Neo4jStartError(
      'JAVA_MISSING',
      `\`${command} -version\` failed: ${error.message.trim()}`,
      JAVA_INSTALL_HINT,
      { cause: error, logTail: lastLines(output, 10) },
    );
  }
  return { command, ...checkJavaVersion(parsed, command) };
}

export const MAVEN_INSTALL_HINT =
  `Install Maven 3.6+ (e.g. \`apt-get install maven\`) so the launcher in neo4j/ can be built once, ` +
  `${USE_EXISTING_NEO4J_HINT}.`;

/** Finds Maven; throws Neo4jStartError BUILD_FAILED (with an install hint) when it is missing. */
export async function detectMaven(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ command: string; version: string }> {
  const command = mavenCommand(env);
  const { output, error } = await run(command, ['-v', '-B'], env);
  const m = /Apache Maven (\S+)/.exec(output);
  if (error || !m?.[1]) {
    const why =
      error?.code !== 'ENOENT'
        ? `\`${command} -v\` failed`
        : env.MAVEN_HOME?.trim()
          ? `MAVEN_HOME is ${env.MAVEN_HOME} but ${command} does not exist`
          : `there is no \`${command}\` on PATH`;
    throw new Neo4jStartError(
      'BUILD_FAILED',
      `Building the embedded Neo4j launcher needs Maven, and ${why}.`,
      MAVEN_INSTALL_HINT,
      { cause: error ?? undefined, logTail: lastLines(output, 10) },
    );
  }
  return { command, version: m[1] };
}

export function lastLines(text: string, n: number): string[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.slice(-n);
}
