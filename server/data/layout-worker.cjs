/**
 * Worker thread entry for server/data/layout.ts (computeLayoutOffThread): lays out the Structure it
 * is given as workerData with force-layout.ts and posts the positions back. Plain CommonJS that loads
 * the TypeScript through tsx, so it runs the same under `npm start` and under jest.
 */
const { parentPort, workerData } = require('node:worker_threads');
const tsx = require('tsx/cjs/api');

const { computeLayout } = tsx.require('./force-layout.ts', __filename);
parentPort.postMessage(computeLayout(workerData));
