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
    const apply = (density: LabelDensity) => ctx.sigma.setSettings(DENSITY_SETTINGS[density]);
    ctx.store.subscribe((state, previous) => {
      if (state.labelDensity !== previous.labelDensity) apply(state.labelDensity);
    });
    apply(ctx.store.get().labelDensity);
  }
}
