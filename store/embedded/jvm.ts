/** The JVM's arguments for the embedded Neo4j: heap, transaction memory and the flags Neo4j runs with. */
import { parseSize } from '../sizes';
import { Neo4jStartError, type DetectedJava } from './java';

/** JVM heap flags for a max heap size: -Xms512m (or less, if max is smaller) and -Xmx<max>. */
export function heapFlags(heap: string): string[] {
  const bytes = parseSize(heap);
  if (bytes === null || bytes < 64 * 1024 ** 2) {
    throw new Neo4jStartError(
      'START_FAILED',
      `Invalid heap size "${heap}" for the embedded Neo4j.`,
      'Set NEO4J_HEAP to a size such as 1g, 2g or 1536m (at least 64m).',
    );
  }
  const mb = Math.max(64, Math.floor(bytes / 1024 ** 2));
  return [`-Xms${Math.min(512, mb)}m`, `-Xmx${mb}m`];
}

/**
 * Memory bounds for transactions from the heap size: one transaction at most a quarter of it, all
 * together at most 70 %, so a query that builds a huge value fails alone (Neo4j answers it with a
 * memory error) instead of taking the heap from everyone else.
 */
export function transactionMemory(
  heap: string,
  perTransaction?: string | null,
): { one: string; total: string } {
  const mb = Math.floor((parseSize(heap) ?? 2 * 1024 ** 3) / 1024 ** 2);
  return { one: perTransaction ?? `${Math.max(32, Math.floor(mb / 4))}m`, total: `${Math.floor(mb * 0.7)}m` };
}

/**
 * JVM flags besides the heap, following what the Neo4j server scripts use, with one exception: no
 * -XX:+ExitOnOutOfMemoryError. A read query can ask for one value larger than the heap (a string
 * doubled forty times); that allocation fails alone, Neo4j answers the query with
 * Neo.TransientError.General.OutOfMemoryError and goes on, where the flag would end the whole
 * database for every user. A Neo4j that does die is restarted (supervisor.ts).
 */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
];

/** Everything before `-jar`: heap, flags, and what this Java version needs besides. */
export function jvmArguments(java: DetectedJava, heap: string): string[] {
  return [
    ...heapFlags(heap),
    ...JVM_FLAGS,
    // Java 23+ warns on every start that Neo4j 5 uses sun.misc.Unsafe; the flag does not exist before 23.
    ...(java.major >= 23 ? ['--sun-misc-unsafe-memory-access=allow'] : []),
  ];
}
