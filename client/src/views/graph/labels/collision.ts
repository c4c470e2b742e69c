/**
 * Labels that do not overlap: sigma's label grid keeps to one candidate per cell, but a long label
 * still runs over its neighbours' (CJK names are wide). This drawer keeps the boxes of the labels
 * drawn in the current frame and skips a label whose box would cross one of them; a forced label
 * (selected, hovered, on a path) is always drawn. sigma asks for labels biggest node first, so the
 * larger nodes keep theirs.
 */
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

/** What the drawer uses of a canvas's 2D context (typed here so Node's type check needs no DOM). */
interface LabelContext {
  fillStyle: unknown;
  font: string;
  fillText(text: string, x: number, y: number): void;
}

type LabelSettings = Pick<Settings, 'labelSize' | 'labelFont' | 'labelWeight' | 'labelColor'>;
type LabelData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>;

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Width of `text` at `size` px without measuring: CJK and full-width characters are square. */
export function approximateWidth(text: string, size: number): number {
  let width = 0;
  for (const char of text) width += /[\u2e80-\uffef]/u.test(char) ? size : size * 0.58;
  return width;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/** The box of a label drawn beside a node at (x, y) of rendered size `nodeSize`. */
export function labelBox(x: number, y: number, nodeSize: number, label: string, labelSize: number): Box {
  const left = x + nodeSize + 3;
  return {
    x1: left - 2,
    y1: y - labelSize * 0.7,
    x2: left + approximateWidth(label, labelSize) + 2,
    y2: y + labelSize * 0.5,
  };
}

/**
 * Which of `labels` (in the order given: most important first) can be drawn without overlapping
 * one kept before; forced ones are kept whatever they cross.
 */
export function keepApart<T extends { box: Box; forced?: boolean }>(labels: T[]): T[] {
  const kept: T[] = [];
  for (const label of labels)
    if (label.forced || !kept.some((other) => overlaps(label.box, other.box))) kept.push(label);
  return kept;
}

/** A label drawer for sigma's `defaultDrawNodeLabel`, and `reset` to call before each frame. */
export function collisionFreeLabels(): {
  draw: (context: LabelContext, data: LabelData, settings: LabelSettings) => void;
  reset: () => void;
} {
  // One frame's labels per canvas (a temporary renderer, the PNG export's, draws on its own). A frame
  // ends at `reset` (before each render of the view), at the end of the task that drew it, or when a
  // node's label comes again (sigma draws a label once a frame; a renderer may render twice in a task).
  const frames = new WeakMap<LabelContext, { keys: Set<string>; boxes: Box[] }>();
  let current: LabelContext | null = null;
  return {
    reset: () => {
      if (current) frames.delete(current);
    },
    draw: (context, data, settings) => {
      if (!data.label) return;
      const size = settings.labelSize;
      const x = data.x + data.size + 3;
      const box = labelBox(data.x, data.y, data.size, data.label, size);
      const key = String((data as { key?: unknown }).key ?? data.label);
      let frame = frames.get(context);
      if (!frame || frame.keys.has(key)) {
        const fresh = { keys: new Set<string>(), boxes: [] as Box[] };
        frames.set(context, (frame = fresh));
        queueMicrotask(() => {
          if (frames.get(context) === fresh) frames.delete(context);
        });
      }
      if (current === null) current = context;
      frame.keys.add(key);
      const boxes = frame.boxes;
      if (!data.forceLabel && boxes.some((other) => overlaps(box, other))) return;
      boxes.push(box);
      const color = settings.labelColor.attribute
        ? String(
            (data as Record<string, unknown>)[settings.labelColor.attribute] ?? settings.labelColor.color,
          )
        : (settings.labelColor.color ?? '#000');
      context.fillStyle = color;
      context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
      context.fillText(data.label, x, data.y + size / 3);
    },
  };
}
