/**
 * A worker thread of ingest/workers.ts (PipelinePool): for each message {id, source, key} it runs
 * the pipeline's stages (pipeline.ts) with the project's gazetteer and answers {id, stage} as the
 * document enters a stage, then {id, doc} or {id, error}. Plain CommonJS that loads the TypeScript
 * through tsx, so it runs the same under `npm run ingest`, `npm start` and jest.
 */
const { parentPort } = require('node:worker_threads');
const tsx = require('tsx/cjs/api');

const { runStages } = tsx.require('./pipeline.ts', __filename);
const { loadGazetteer } = tsx.require('./gazetteer/gazetteer.ts', __filename);
const { isIngestError } = tsx.require('./errors.ts', __filename);

const gazetteer = loadGazetteer();

parentPort.on('message', ({ id, source, key }) => {
  try {
    const doc = runStages(source, gazetteer, {
      documentKey: key,
      onStage: (stage) => parentPort.postMessage({ id, stage }),
    });
    parentPort.postMessage({ id, doc });
  } catch (error) {
    parentPort.postMessage({
      id,
      error: isIngestError(error)
        ? { code: error.code, file: error.file, detail: error.detail, line: error.line }
        : { message: error instanceof Error ? error.message : String(error) },
    });
  }
});
