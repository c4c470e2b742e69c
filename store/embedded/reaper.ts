/**
 * Never leave a JVM behind: every running embedded Neo4j is tracked here, and exit, crash and signal
 * handlers stop them all. Its stdin pipe is the backstop (the launcher stops at EOF, which comes
 * even when this process is SIGKILLed); these handlers are the polite path.
 */
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';

export interface Running {
  child: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<Running>();
const HANDLED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let handlersInstalled = false;
let signalledAt: number | null = null;

function killAllNow(): void {
  for (const r of running) {
    try {
      r.child.stdin?.destroy();
      r.child.kill('SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

function onExit(): void {
  // Synchronous only: SIGTERM runs the launcher's shutdown hook; our end of its stdin pipe closes
  // as this process goes away anyway.
  killAllNow();
}

function onUncaught(): void {
  // Monitor only (does not change Node's crash behaviour); 'exit' follows and does the same.
  killAllNow();
}

function onSignal(signal: NodeJS.Signals): void {
  const code = 128 + (os.constants.signals[signal] ?? 1);
  if (signalledAt !== null) {
    // The same Ctrl-C can arrive twice (from the terminal and relayed by a wrapper such as tsx).
    if (Date.now() - signalledAt < 1000) return;
    // A second signal while stopping: do not wait any longer.
    for (const r of running) r.child.kill('SIGKILL');
    process.exit(code);
  }
  signalledAt = Date.now();
  // Other listeners for this signal own the process's exit; when there are none, we do what the
  // default handler would have done, once Neo4j is down.
  const othersListen = process.listenerCount(signal) > 1;
  void Promise.allSettled([...running].map((r) => r.stop())).then(() => {
    signalledAt = null;
    if (!othersListen) process.exit(code);
  });
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', onExit);
  process.on('uncaughtExceptionMonitor', onUncaught);
  for (const s of HANDLED_SIGNALS) process.on(s, onSignal);
}

function removeHandlersIfIdle(): void {
  if (!handlersInstalled || running.size > 0) return;
  handlersInstalled = false;
  process.removeListener('exit', onExit);
  process.removeListener('uncaughtExceptionMonitor', onUncaught);
  for (const s of HANDLED_SIGNALS) process.removeListener(s, onSignal);
}

/** Tracks a started launcher until it is stopped or gone; installs the handlers while any runs. */
export function track(entry: Running): void {
  running.add(entry);
  installHandlers();
}

/** Stops tracking `entry`, and removes the handlers when nothing runs any more. */
export function untrack(entry: Running): void {
  running.delete(entry);
  removeHandlersIfIdle();
}
