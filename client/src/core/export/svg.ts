/**
 * The graph on screen as an SVG: nodes as circles with their labels, relationships as lines, a title,
 * a legend and a source line, at the positions they have on screen. Pure (strings in, a string out),
 * so a unit test can read it back without a browser.
 */

export interface SvgNode {
  x: number;
  y: number;
  size: number;
  color: string;
  /** Drawn beside the circle; empty for a node whose label the canvas left out. */
  label: string;
  /** The node's full name, as the circle's tooltip. */
  name: string;
  key: string;
}

export interface SvgEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  size: number;
}

export interface LegendEntry {
  color: string;
  name: string;
}

export interface SvgDrawing {
  width: number;
  height: number;
  title: string;
  source: string;
  nodes: SvgNode[];
  edges: SvgEdge[];
  legend: LegendEntry[];
  font: string;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const round = (n: number) => Math.round(n * 10) / 10;

export function graphSvg(d: SvgDrawing): string {
  const edges = d.edges
    .map(
      (e) =>
        `<line x1="${round(e.x1)}" y1="${round(e.y1)}" x2="${round(e.x2)}" y2="${round(e.y2)}" stroke="${escapeXml(e.color)}" stroke-width="${round(e.size)}"/>`,
    )
    .join('');
  const nodes = d.nodes
    .map(
      (n) =>
        `<g class="node" data-key="${escapeXml(n.key)}"><circle cx="${round(n.x)}" cy="${round(n.y)}" r="${round(n.size)}" fill="${escapeXml(n.color)}" stroke="#ffffff" stroke-width="1"><title>${escapeXml(n.name)}</title></circle>` +
        (n.label
          ? `<text x="${round(n.x + n.size + 3)}" y="${round(n.y + 4)}">${escapeXml(n.label)}</text>`
          : '') +
        '</g>',
    )
    .join('');
  const legendX = d.width - 190;
  const legend = d.legend
    .map(
      (entry, i) =>
        `<circle cx="${legendX + 10}" cy="${48 + i * 18}" r="5" fill="${escapeXml(entry.color)}"/>` +
        `<text x="${legendX + 22}" y="${52 + i * 18}">${escapeXml(entry.name)}</text>`,
    )
    .join('');
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${d.height}" viewBox="0 0 ${d.width} ${d.height}" font-family="${escapeXml(d.font)}" font-size="13">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g class="edges">${edges}</g>`,
    `<g class="nodes" fill="#1f2933">${nodes}</g>`,
    `<text class="title" x="16" y="28" font-size="18" font-weight="600">${escapeXml(d.title)}</text>`,
    `<g class="legend" fill="#1f2933">${legend}</g>`,
    `<text class="source" x="16" y="${d.height - 12}" fill="#52606d">${escapeXml(d.source)}</text>`,
    `</svg>`,
  ].join('\n');
}
