/**
 * The PDF reader's worker thread (ingest/formats/pdf.ts): pdf.js reads the file's text layer, page by
 * page, and posts each text item with its position. It runs in a thread of its own with a capped
 * heap, so a hostile PDF can exhaust only this thread, and as plain ESM, which pdf.js requires.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');

try {
  const task = getDocument({
    data: workerData.bytes,
    cMapUrl: path.join(root, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  const pdf = await task.promise;
  const pages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    const items = [];
    for (const item of content.items)
      if ('str' in item && item.str)
        items.push({
          text: item.str,
          x: item.transform[4],
          y: item.transform[5],
          width: item.width,
          height: item.height || Math.abs(item.transform[3]) || 10,
        });
    pages.push({ width, height, items });
    page.cleanup();
  }
  await pdf.destroy();
  parentPort.postMessage({ pages });
} catch (error) {
  parentPort.postMessage({
    error: { name: error?.name ?? 'Error', message: error?.message ?? String(error) },
  });
}
