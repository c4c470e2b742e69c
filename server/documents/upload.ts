/**
 * Reading an upload: a multipart form with one or more `file` fields, or JSON `{name, text}` (a
 * pasted text). Files are held in memory up to the limits (files per upload, bytes per file, bytes
 * in all); going past one answers 413 naming the file and the limit, before anything is loaded.
 */
import busboy from 'busboy';
import type { Request } from 'express';
import type { Limits } from '../../store/config';
import { formatBytes } from '../../store/sizes';
import type { Upload } from '../../ingest';
import { ApiError, badRequest } from '../http/errors';

const tooLarge = (message: string) => new ApiError(413, 'UPLOAD_TOO_LARGE', message);

/** A file name as a browser sends it, without folders; refused when empty or made of dots. */
function fileName(name: string | undefined, field: string): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.trim();
  if (!base || /^\.+$/.test(base) || base.length > 255) throw badRequest(field, 'needs a file name');
  return base;
}

export function readUpload(req: Request, limits: Limits): Promise<Upload[]> {
  if (req.is('multipart/form-data')) return readMultipart(req, limits);
  if (req.is('application/json')) return readJsonBody(req, limits);
  return Promise.reject(
    new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Send files as multipart/form-data (field "file") or JSON {name, text}',
    ),
  );
}

function readMultipart(req: Request, limits: Limits): Promise<Upload[]> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send a file name's bytes as UTF-8 (粵港合作.txt), not busboy's default latin1.
        defParamCharset: 'utf8',
        limits: {
          files: limits.uploadFiles,
          fileSize: limits.fileBytes,
          fields: 10,
          parts: limits.uploadFiles + 10,
        },
      });
    } catch (error) {
      return reject(badRequest('body', (error as Error).message));
    }
    const uploads: Upload[] = [];
    let total = 0;
    let failed: Error | null = null;
    const fail = (error: Error) => {
      if (failed) return;
      failed = error;
      req.unpipe(parser);
      req.resume(); // drain the rest so the answer can be sent
      reject(error);
    };
    parser.on('file', (field, stream, info) => {
      if (failed) return stream.resume();
      if (field !== 'file') {
        stream.resume();
        return fail(badRequest(field, 'unknown field: send files in the field "file"'));
      }
      let name: string;
      try {
        name = fileName(info.filename, 'file');
      } catch (error) {
        stream.resume();
        return fail(error as Error);
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.uploadBytes)
          fail(
            tooLarge(
              `The upload is over ${formatBytes(limits.uploadBytes)} in all (UPLOAD_MAX_BYTES), at ${name}`,
            ),
          );
        else chunks.push(chunk);
      });
      // A body cut short errors the file's stream: unanswered, that error would end the process.
      stream.on('error', (error: Error) =>
        fail(badRequest('body', `not a readable multipart form (${error.message})`)),
      );
      stream.on('limit', () =>
        fail(
          tooLarge(
            `${name} is over the limit of ${formatBytes(limits.fileBytes)} per file (INGEST_MAX_FILE_BYTES)`,
          ),
        ),
      );
      stream.on('end', () => {
        if (!failed) uploads.push({ name, bytes: Buffer.concat(chunks) });
      });
    });
    parser.on('filesLimit', () =>
      fail(tooLarge(`More than ${limits.uploadFiles} files in one upload (UPLOAD_MAX_FILES)`)),
    );
    parser.on('error', (error: Error) =>
      fail(badRequest('body', `not a readable multipart form (${error.message})`)),
    );
    parser.on('close', () => {
      if (failed) return;
      if (uploads.length === 0) reject(badRequest('file', 'no file in the upload'));
      else resolve(uploads);
    });
    req.pipe(parser);
  });
}

async function readJsonBody(req: Request, limits: Limits): Promise<Upload[]> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limits.fileBytes)
      throw tooLarge(
        `The text is over the limit of ${formatBytes(limits.fileBytes)} (INGEST_MAX_FILE_BYTES)`,
      );
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('body', 'is not valid JSON');
  }
  const { name, text } = (body ?? {}) as { name?: unknown; text?: unknown };
  if (typeof text !== 'string' || !text.trim()) throw badRequest('text', 'must be the document as text');
  if (typeof name !== 'string')
    throw badRequest('name', 'must name the document (a file name such as plan-2021.txt)');
  const file = fileName(name, 'name');
  return [{ name: /\.(txt|md)$/i.test(file) ? file : `${file}.txt`, bytes: Buffer.from(text, 'utf8') }];
}
