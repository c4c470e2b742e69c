/**
 * Label density: how many labels sigma may draw (its label grid keeps them from overlapping) and the
 * node size below which a label is not drawn. Hovered, selected and focused nodes force theirs; the
 * others are skipped where they would overlap one already drawn.
 */
import type { Settings } from 'sigma/settings';
import type { LabelDensity } from '../../../core/state/types';
import type { GraphContext } from '../context';
import { collisionFreeLabels } from '../labels/collision';

export const DENSITY_SETTINGS: Record<
  LabelDensity,
  Pick<Settings, 'labelDensity' | 'labelGridCellSize' | 'labelRenderedSizeThreshold'>
> = {
  few: { labelDensity: 0.25, labelGridCellSize: 180, labelRenderedSizeThreshold: 10 },
  normal: { labelDensity: 0.6, labelGridCellSize: 120, labelRenderedSizeThreshold: 6 },
  // At most one label per cell: 2.5 per 60 px cell drew a hairball of overlapping labels (issue 17).
  many: { labelDensity: 1, labelGridCellSize: 70, labelRenderedSizeThreshold: 3 },
};

export class LabelController {
  constructor(ctx: GraphContext) {
    // No two labels overlap (labels/collision.ts); set before the graph view gives sigma its graph.
    const labels = collisionFreeLabels();
    ctx.sigma.on('beforeRender', labels.reset);
    ctx.sigma.setSetting('defaultDrawNodeLabel', labels.draw);
    // Each settings call makes sigma run the reducers over the whole graph: only when they differ
    // (the graph view starts sigma with the density the state names).
    const apply = (density: LabelDensity) => {
      const settings = DENSITY_SETTINGS[density];
      const keys = Object.keys(settings) as (keyof typeof settings)[];
      if (keys.some((key) => ctx.sigma.getSetting(key) !== settings[key])) ctx.sigma.setSettings(settings);
    };
    ctx.store.subscribe((state, previous) => {
      if (state.labelDensity !== previous.labelDensity) apply(state.labelDensity);
    });
    apply(ctx.store.get().labelDensity);
  }
}
