/**
 * Label density: how many labels sigma may draw (its label grid keeps them from overlapping) and the
 * node size below which a label is not drawn. Hovered, selected and focused nodes force theirs.
 */
import type { Settings } from 'sigma/settings';
import type { LabelDensity } from '../../../core/state/types';
import type { GraphContext } from '../context';

export const DENSITY_SETTINGS: Record<
  LabelDensity,
  Pick<Settings, 'labelDensity' | 'labelGridCellSize' | 'labelRenderedSizeThreshold'>
> = {
  few: { labelDensity: 0.25, labelGridCellSize: 180, labelRenderedSizeThreshold: 10 },
  normal: { labelDensity: 0.6, labelGridCellSize: 120, labelRenderedSizeThreshold: 6 },
  many: { labelDensity: 2.5, labelGridCellSize: 60, labelRenderedSizeThreshold: 2 },
};

export class LabelController {
  constructor(ctx: GraphContext) {
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
