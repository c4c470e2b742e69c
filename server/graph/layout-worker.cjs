/**
 * The layout worker thread of server/graph/layout.ts (computeLayoutOffThread): for each message
 * {id, structure} it lays the structure out with force-layout.ts and answers {id, positions}, or
 * {id, error}. Plain CommonJS that loads the TypeScript through tsx, so it runs the same under
 * `npm start` and under jest.
 */
const { parentPort } = require('node:worker_threads');
const tsx = require('tsx/cjs/api');

const { computeLayout } = tsx.require('./force-layout.ts', __filename);

parentPort.on('message', ({ id, structure }) => {
  try {
    parentPort.postMessage({ id, positions: computeLayout(structure) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
