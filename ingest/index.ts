/**
 * The ingest's public entry: what the server (and anything else outside ingest/) may use. Reading,
 * running the stages and loading stay behind it; lint holds the server to this file.
 */
export {
  ingestBatch,
  ingestFiles,
  type FileOutcome,
  type IngestOptions,
  type IngestStage,
  type Upload,
} from './ingest';
export { deleteDocument, updateDocument, PARTNER_REGIONS, type DocumentChanges } from './corpus';
export { DOCUMENT_EXTENSIONS, describeRead } from './formats';
export { listSourceFiles, readSource, sourceFromText } from './source';
export { exportGraph } from './export';
export { runStages } from './pipeline';
export { alignPlans } from './lineage/match';
// The ingest's script conversion, for the server's exports in the content script shown.
export { toSimplified, toTraditional } from './opencc';
export { relinkStale } from './lineage/lineage';
export { reextractInBackground, staleDocuments } from './reextract';
export type { LoadResult } from './stages/load';
export type { Doc, SourceFile } from './types';
export type { Original, OriginalMeta, Originals } from './originals/originals';
export { openOriginals } from './originals/open';
export { keepOriginals, type KeepFailure, type KeptOriginal } from './originals/keep';
