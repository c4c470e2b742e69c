/**
 * The baseline of `npm run bench:client`: the same graphology JSON drawn by sigma.js with its default
 * settings and nothing else (no reducers, no custom programs, no panels). The only change to the data:
 * the edges' `type` attribute (the relationship type, which sigma would read as a program name) is
 * dropped, so sigma draws every edge with its default program. `?w=&h=` sizes the container like
 * the explorer's stage, so both pages draw the same number of pixels.
 */
import Graph from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import Sigma from 'sigma';

const container = document.getElementById('container') as HTMLElement;
const size = new URLSearchParams(location.search);
if (size.get('w')) container.style.width = `${size.get('w')}px`;
if (size.get('h')) container.style.height = `${size.get('h')}px`;

const data = (await (await fetch('/api/graph')).json()) as SerializedGraph;
for (const edge of data.edges) delete edge.attributes?.type;
new Sigma(Graph.from(data), container);
// As the explorer marks it: the frame after the one sigma drew in has begun, so that one was painted.
requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('bare:graph-rendered')));
