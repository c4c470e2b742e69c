/** The media type an original is served with: from the format it was read as, a text's charset included. */
import type { SourceFormat } from '../formats';

const TYPES: Record<SourceFormat, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export function mediaType(format: SourceFormat, encoding: string | null): string {
  const type = TYPES[format];
  return encoding && type.startsWith('text/') ? `${type}; charset=${encoding}` : type;
}
