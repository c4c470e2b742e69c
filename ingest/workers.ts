/**
 * The pipeline in worker threads, so a corpus is parsed and extracted on every core while the main
 * thread loads finished documents into Neo4j (ingest.ts). Each worker loads the gazetteer and
 * jieba's dictionaries once (about a second) and then takes one document at a time; documents go
 * to the least busy worker and come back as the same `Doc` the in-process pipeline makes (a test
 * holds the two equal). An IngestError raised in a worker arrives as an IngestError.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IngestStage } from '../model/api';
import { IngestError, type IngestErrorCode } from './errors';
import type { Doc, SourceFile } from './types';

const WORKER = path.join(__dirname, 'pipeline-worker.cjs');

/** Worker threads by default: one per core (the loading thread and Neo4j mostly wait on each other). */
export function defaultWorkers(): number {
  const configured = Number(process.env.INGEST_WORKERS);
  return Number.isInteger(configured) && configured >= 0 ? configured : availableParallelism();
}

type WorkerError =
  { code: IngestErrorCode; file: string; detail: string; line?: number } | { message: string };

interface Job {
  resolve(doc: Doc): void;
  reject(error: Error): void;
  onStage?: (stage: IngestStage) => void;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
}

export class PipelinePool {
  private readonly threads: Thread[];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(size: number) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => this.start());
  }

  get size(): number {
    return this.threads.length;
  }

  private start(): Thread {
    // execArgv: [] because the worker loads tsx itself (pipeline-worker.cjs), under node and jest.
    const thread: Thread = { worker: new Worker(WORKER, { execArgv: [] }), jobs: new Map() };
    thread.worker.on(
      'message',
      (message: { id: number; stage?: IngestStage; doc?: Doc; error?: WorkerError }) => {
        const job = thread.jobs.get(message.id);
        if (!job) return;
        if (message.stage) return job.onStage?.(message.stage);
        thread.jobs.delete(message.id);
        if (message.doc) job.resolve(message.doc);
        else job.reject(rebuild(message.error!));
      },
    );
    const fail = (error: Error) => {
      this.failure = error;
      for (const job of thread.jobs.values()) job.reject(error);
      thread.jobs.clear();
    };
    thread.worker.on('error', fail);
    thread.worker.on('exit', (code) => {
      if (thread.jobs.size) fail(new Error(`An ingest worker (${WORKER}) exited with code ${code}`));
    });
    return thread;
  }

  /** The stages for `source`, keyed `key`, in the least busy worker. */
  run(source: SourceFile, key: string, onStage?: (stage: IngestStage) => void): Promise<Doc> {
    if (this.failure) return Promise.reject(this.failure);
    const thread = this.threads.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.jobs.set(id, { resolve, reject, onStage });
      thread.worker.postMessage({ id, source, key });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

function rebuild(error: WorkerError): Error {
  if ('code' in error)
    return new IngestError(
      error.code,
      error.file,
      error.detail,
      error.line === undefined ? {} : { line: error.line },
    );
  return new Error(error.message);
}
