/**
 * A sigma drawing as a PNG for a report: @sigma/export-image renders the graph again off-screen at
 * twice the canvas's size, then the title (top left), the legend (top right, below the title's
 * band when the title reaches it) and the source line with the date (bottom left) are drawn on, each on a white band. The
 * graph view's Export menu and the Cypher console's result graph draw the same way.
 */
import { drawOnCanvas } from '@sigma/export-image';
import type Sigma from 'sigma';
import { FONT_STACK } from '../graph/style';
import type { LegendEntry } from './svg';

/** The PNG's pixels per CSS pixel of the canvas, whatever the screen's. */
export const PNG_SCALE = 2;

export interface Caption {
  title: string;
  legend: LegendEntry[];
  /** `Policy graph explorer · … · 2026-05-07` */
  source: string;
}

/** Runs `draw` with window.devicePixelRatio at `ratio`: sigma and the export read it to size canvases. */
async function atPixelRatio<T>(ratio: number, draw: () => Promise<T>): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
  Object.defineProperty(window, 'devicePixelRatio', { configurable: true, get: () => ratio });
  try {
    return await draw();
  } finally {
    if (own) Object.defineProperty(window, 'devicePixelRatio', own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
}

function decorate(c: CanvasRenderingContext2D, width: number, height: number, caption: Caption): void {
  const band = (x: number, y: number, w: number, h: number) => {
    c.fillStyle = 'rgba(255,255,255,0.88)';
    c.fillRect(x, y, w, h);
  };
  c.textBaseline = 'middle';
  c.font = `600 16px ${FONT_STACK}`;
  const titleRight = 8 + c.measureText(caption.title).width + 16;
  band(8, 8, titleRight - 8, 28);
  c.fillStyle = '#1f2933';
  c.fillText(caption.title, 16, 22);

  c.font = `12px ${FONT_STACK}`;
  const { legend } = caption;
  const legendWidth = Math.max(80, ...legend.map((e) => c.measureText(e.name).width + 30));
  const lx = width - legendWidth - 12;
  // Beside the title when there is room, else below its band.
  const top = titleRight + 8 < lx ? 8 : 44;
  band(lx, top, legendWidth + 4, legend.length * 18 + 8);
  legend.forEach((entry, i) => {
    c.fillStyle = entry.color;
    c.beginPath();
    c.arc(lx + 12, top + 13 + i * 18, 5, 0, Math.PI * 2);
    c.fill();
    c.fillStyle = '#1f2933';
    c.fillText(entry.name, lx + 24, top + 13 + i * 18);
  });

  band(8, height - 30, c.measureText(caption.source).width + 16, 22);
  c.fillStyle = '#52606d';
  c.fillText(caption.source, 16, height - 19);
}

/** The drawing at PNG_SCALE with its caption, encoded as PNG. */
export async function captionedPng(sigma: Sigma, caption: Caption): Promise<Blob> {
  const { width, height } = sigma.getDimensions();
  const canvas = await atPixelRatio(PNG_SCALE, () => drawOnCanvas(sigma, { backgroundColor: '#ffffff' }));
  const c = canvas.getContext('2d');
  if (!c) throw new Error('no 2D context');
  c.save();
  c.scale(canvas.width / width, canvas.height / height);
  decorate(c, width, height, caption);
  c.restore();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the image could not be encoded');
  return blob;
}
