/**
 * A camera that fits nodes with their labels: sigma (and @sigma/utils) fit the nodes' centres, so a
 * label beside a node at the right edge ran off the canvas. Labels keep their size in pixels while
 * the graph scales with the zoom, so the camera is found in a few steps: measure what the nodes and
 * their labels cover on the screen, zoom out by the overflow and centre on it.
 */
import type { CameraState } from 'sigma/types';
import type { ExplorerSigma } from '../context';

/** Pixels kept free at the canvas's edges. */
const EDGE = 12;
/** Sigma draws a label this far right of its node. */
const LABEL_GAP = 3;
const STEPS = 5;

let measurer: CanvasRenderingContext2D | null = null;

function labelWidth(sigma: ExplorerSigma, label: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return label.length * 14;
  const { labelFont, labelSize, labelWeight } = sigma.getSettings();
  measurer.font = `${labelWeight} ${labelSize}px ${labelFont}`;
  return measurer.measureText(label).width;
}

export function roomForLabels(sigma: ExplorerSigma, nodes: string[], start: CameraState): CameraState {
  const { width, height } = sigma.getDimensions();
  const labelSize = sigma.getSetting('labelSize');
  const shown = nodes
    .map((node) => sigma.getNodeDisplayData(node))
    .filter((data) => !!data && !data.hidden)
    .map((data) => ({
      data: data!,
      label: data!.label ? labelWidth(sigma, data!.label) + LABEL_GAP : 0,
    }));
  if (shown.length === 0) return start;
  let state = { ...start };
  for (let step = 0; step < STEPS; step++) {
    let left = Infinity;
    let right = -Infinity;
    let top = Infinity;
    let bottom = -Infinity;
    for (const { data, label } of shown) {
      const point = sigma.framedGraphToViewport(data, { cameraState: state });
      const radius = sigma.scaleSize(data.size, state.ratio);
      left = Math.min(left, point.x - radius);
      right = Math.max(right, point.x + radius + label);
      top = Math.min(top, point.y - Math.max(radius, label ? labelSize / 2 : 0));
      bottom = Math.max(bottom, point.y + Math.max(radius, label ? labelSize / 2 : 0));
    }
    const overflow = Math.max((right - left) / (width - 2 * EDGE), (bottom - top) / (height - 2 * EDGE));
    const centre = sigma.viewportToFramedGraph(
      { x: (left + right) / 2, y: (top + bottom) / 2 },
      { cameraState: state },
    );
    const inside = left >= EDGE && right <= width - EDGE && top >= EDGE && bottom <= height - EDGE;
    if (inside && overflow > 0.9) break;
    // A little past the overflow: the labels' share of the width grows as the graph shrinks.
    state = { ...state, x: centre.x, y: centre.y, ratio: state.ratio * (overflow > 1 ? overflow * 1.02 : 1) };
  }
  return state;
}
