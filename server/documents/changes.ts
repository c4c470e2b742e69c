/**
 * The corpus as its owner changes it: an upload runs each file through the ingest (the CLI's
 * pipeline and per-document transaction: a file that fails leaves nothing of itself, the others still
 * load) and reports each as it goes; deleting and correcting a document. Uploads run one at a time,
 * so two of them never give one key to different files.
 */
import type {
  DocumentPatch,
  IngestStage,
  UploadedDocument,
  UploadFailure,
  UploadResponse,
} from '../../model/api';
import type { Connection } from '../../store/connection';
import type { Limits } from '../../store/config';
import {
  PARTNER_REGIONS,
  deleteDocument,
  describeRead,
  ingestBatch,
  keepOriginals,
  updateDocument,
  type DocumentChanges,
  type FileOutcome,
  type Originals,
  type Upload,
} from '../../ingest';
import { badRequest, notFound } from '../http/errors';

let queue: Promise<unknown> = Promise.resolve();

function report(outcome: FileOutcome): UploadedDocument | UploadFailure {
  const { doc, result, error, note, file } = outcome;
  if (error || !result)
    return {
      file,
      code: (error as { code?: string } | null)?.code ?? 'INGEST_FAILED',
      message: error?.message ?? 'not loaded',
    };
  const units = new Set(doc?.measures.flatMap((m) => (m.units ?? []).map((u) => u.entityKey)) ?? []);
  return {
    file,
    key: doc?.meta.key ?? result.document,
    title: doc?.meta.title ?? '',
    year: doc?.meta.year ?? null,
    outcome: result.outcome,
    readAs: doc ? describeRead(doc.source) : '',
    measures: doc?.measures.length ?? 0,
    entities: doc?.entities?.length ?? 0,
    units: units.size,
    warnings: [
      ...(doc?.source.notes ?? []),
      ...(doc?.warnings ?? []).map((w) => `line ${w.line}: ${w.message}`),
    ],
    note,
  };
}

export interface UploadProgress {
  stage?: (file: string, stage: IngestStage) => void;
  document?: (document: UploadedDocument) => void;
  failure?: (failure: UploadFailure) => void;
}

export function ingestUploads(
  connection: Connection,
  uploads: Upload[],
  limits: Limits,
  progress: UploadProgress = {},
  /** The key of the document the one uploaded file is a new version of. */
  replaces?: string,
  /** Where the uploads' originals are kept; null: not kept. */
  originals: Originals | null = null,
): Promise<UploadResponse> {
  const run = queue.then(async () => {
    const response: UploadResponse = { documents: [], failures: [] };
    const outcomes = await ingestBatch(connection, uploads, {
      maxBytes: limits.fileBytes,
      ...(replaces === undefined ? {} : { replaces }),
      onStage: (file, stage) => progress.stage?.(file, stage),
      onFile: (outcome) => {
        const item = report(outcome);
        if ('key' in item) {
          response.documents.push(item);
          progress.document?.(item);
        } else {
          response.failures.push(item);
          progress.failure?.(item);
        }
      },
    });
    if (originals) {
      // The documents are in the graph; an original that could not be kept is said with them.
      const { failures } = await keepOriginals(connection, originals, uploads, outcomes);
      for (const { file, error } of failures)
        response.documents
          .find((d) => d.file === file)
          ?.warnings.push(`original not kept in ${originals.where}: ${error.message}`);
    }
    return response;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Deletes the document and, unless another document has the same bytes, its original. */
export async function removeDocument(
  connection: Connection,
  key: string,
  originals: Originals | null = null,
): Promise<void> {
  if (!(await deleteDocument(connection, key, originals))) throw notFound('document', key);
}

const YEAR_MIN = 1949;
const YEAR_MAX = 2100;

/** The body of PATCH /api/documents/:key, checked field by field. */
export function documentChanges(body: unknown): DocumentChanges {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('body', 'must be a JSON object');
  const patch = body as Record<string, unknown>;
  const changes: DocumentChanges = {};
  const known = new Set(['title', 'year', 'date', 'issuer', 'documentNumber', 'region']);
  for (const field of Object.keys(patch)) if (!known.has(field)) throw badRequest(field, 'cannot be changed');
  const text = (field: keyof DocumentPatch, max: number, nullable: boolean) => {
    const value = patch[field];
    if (value === null && nullable) return null;
    if (typeof value !== 'string' || !value.trim() || value.length > max)
      throw badRequest(field, `must be text of 1 to ${max} characters${nullable ? ', or null' : ''}`);
    return value.trim();
  };
  if ('title' in patch) changes.title = text('title', 500, false)!;
  if ('documentNumber' in patch) changes.documentNumber = text('documentNumber', 100, true);
  if ('year' in patch) {
    const year = patch.year;
    if (
      year !== null &&
      (!Number.isInteger(year) || (year as number) < YEAR_MIN || (year as number) > YEAR_MAX)
    )
      throw badRequest('year', `must be a year from ${YEAR_MIN} to ${YEAR_MAX}, or null`);
    changes.year = year as number | null;
  }
  if ('date' in patch) {
    const date = patch.date;
    if (
      date !== null &&
      (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || isNaN(Date.parse(date)))
    )
      throw badRequest('date', 'must be a date YYYY-MM-DD, or null');
    changes.date = date as string | null;
  }
  if ('issuer' in patch) {
    const issuer = patch.issuer;
    if (
      !Array.isArray(issuer) ||
      issuer.length > 20 ||
      issuer.some((i) => typeof i !== 'string' || !i.trim() || i.length > 200)
    )
      throw badRequest('issuer', 'must be a list of up to 20 names');
    changes.issuer = (issuer as string[]).map((i) => i.trim());
  }
  if ('region' in patch) {
    const region = patch.region;
    if (region !== null && !PARTNER_REGIONS.includes(region as never))
      throw badRequest('region', `must be one of ${PARTNER_REGIONS.join(', ')}, or null`);
    changes.region = region as DocumentChanges['region'];
  }
  if (Object.keys(changes).length === 0) throw badRequest('body', 'names no field to change');
  return changes;
}

export async function editDocument(
  connection: Connection,
  key: string,
  changes: DocumentChanges,
): Promise<void> {
  if (!(await updateDocument(connection, key, changes))) throw notFound('document', key);
}
