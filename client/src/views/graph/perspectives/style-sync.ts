/**
 * Colour and size by attribute (stats/Appearance) kept in the store's `style`, so the URL, undo, Back
 * and saved views carry them like the rest of the view: a choice in the legend is written to the
 * store, and a style arriving in the store (a link, Back, an undo, a saved view) is applied. A name
 * the styling does not know falls back to its default, as anything unreadable in a link does.
 */
import type { StyleState } from '../../../core/state/types';
import type { GraphContext } from '../context';
import type { Appearance } from '../stats/Appearance';
import { COLOR_BY, DEFAULT_STYLE, SIZE_BY, type ColorBy, type SizeBy } from '../stats/styling';

export function syncStyle({ store }: GraphContext, appearance: Appearance): void {
  // The choice last written or applied: the appearance also tells its listeners of filter changes
  // (mid-way through a store change, before the store's style reaches it), which are not choices.
  let seen = appearance.choice;
  const toStore = () => {
    if (appearance.choice === seen) return;
    seen = appearance.choice;
    const { color, size } = seen;
    const style = color === DEFAULT_STYLE.color && size === DEFAULT_STYLE.size ? undefined : { color, size };
    const current = store.get().style;
    if (current?.color === style?.color && current?.size === style?.size) return;
    store.update({ style });
  };
  const fromStore = (style: StyleState | undefined) => {
    const color = COLOR_BY.find((c) => c === style?.color) ?? DEFAULT_STYLE.color;
    const size = SIZE_BY.find((s) => s === style?.size) ?? DEFAULT_STYLE.size;
    if (color !== appearance.choice.color || size !== appearance.choice.size) {
      appearance.choose({ color: color as ColorBy, size: size as SizeBy });
      seen = appearance.choice;
    }
  };
  appearance.onChange(toStore);
  store.subscribe((state, previous) => {
    if (state.style !== previous.style) fromStore(state.style);
  });
  fromStore(store.get().style);
}
