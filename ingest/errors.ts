/**
 * The one error type ingest throws for problems with an input file. The message always starts with
 * the file (and line, when known) so a batch run tells the user exactly which input to fix.
 */

export type IngestErrorCode =
  /** The path does not exist, is a folder, or cannot be opened. */
  | 'UNREADABLE'
  /** The path is a device, FIFO, socket or folder: only regular files are read. */
  | 'NOT_A_FILE'
  /** The file is larger than the limit per file. */
  | 'TOO_LARGE'
  /** Another file of this run has the same name, or the document key belongs to another file. */
  | 'DUPLICATE'
  /** Text in no encoding that can be told (UTF-8, UTF-16 with a BOM, GB18030/GBK, Big5). */
  | 'UNKNOWN_ENCODING'
  /** Bytes of no format the readers know (binary, an old .doc, a damaged ZIP or PDF). */
  | 'UNKNOWN_FORMAT'
  /** A PDF without text (a scan). */
  | 'NO_TEXT_LAYER'
  /** The file is empty or holds only whitespace. */
  | 'EMPTY'
  /** No numbered measures were found: not a document this parser understands. */
  | 'NO_STRUCTURE';

export interface IngestErrorOptions {
  line?: number;
  cause?: unknown;
}

export class IngestError extends Error {
  readonly code: IngestErrorCode;
  readonly file: string;
  readonly line?: number;
  /** The message without the `file:line: ` prefix. */
  readonly detail: string;

  constructor(code: IngestErrorCode, file: string, detail: string, options: IngestErrorOptions = {}) {
    const where = options.line === undefined ? file : `${file}:${options.line}`;
    super(`${where}: ${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IngestError';
    this.code = code;
    this.file = file;
    this.detail = detail;
    if (options.line !== undefined) this.line = options.line;
  }
}

export function isIngestError(err: unknown): err is IngestError {
  return err instanceof IngestError;
}
