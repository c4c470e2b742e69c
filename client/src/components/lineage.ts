/**
 * How lineage reads on screen, in every view: a measure's name across plans (`2020·三（一）16`), a
 * badge for its kind, and a measure's text with the characters a comparison did not pair marked as
 * inserted (`ins`) or deleted (`del`).
 */
import type { AlignmentBlock } from '../../../model/spans';
import type { LineageStatus, MeasureRow } from '../../../model/api';
import { measureLabel } from '../../../model/names';
import { t } from '../locales';
import { h } from './dom';

/** `2020·三（一）16`: the plan's year (when it has one) and the measure's reference. */
export function yearReference(row: Pick<MeasureRow, 'reference' | 'document'>): string {
  return measureLabel({ reference: row.reference, year: row.document.year });
}

export function lineageBadge(status: LineageStatus, dropped = false): HTMLElement {
  return h(
    'span',
    { class: 'lineage-badges' },
    status
      ? h('span', { class: `lineage-badge lineage-badge--${status}`, text: t(`lineage.${status}`) })
      : null,
    dropped ? h('span', { class: 'lineage-badge lineage-badge--dropped', text: t('lineage.dropped') }) : null,
  );
}

/**
 * `text` with every character outside the aligned blocks wrapped in `<ins>` or `<del>`; `side` says
 * which half of each block (0: the first text's offsets, 2: the second's) belongs to this text.
 */
export function alignedText(
  text: string,
  blocks: readonly AlignmentBlock[],
  side: 0 | 2,
  mark: 'ins' | 'del',
): HTMLElement {
  const kept = blocks
    .map((b): [number, number] => (side === 0 ? [b[0], b[1]] : [b[2], b[3]]))
    .sort((a, b) => a[0] - b[0]);
  const parts: (Node | string)[] = [];
  let at = 0;
  const changed = (from: number, to: number) => {
    const piece = text.slice(from, to);
    if (!piece) return;
    // Whitespace alone is not a change worth marking.
    parts.push(
      /^\s+$/.test(piece)
        ? piece
        : h(mark, { text: piece, title: t(mark === 'ins' ? 'compare.inserted' : 'compare.deleted') }),
    );
  };
  for (const [start, end] of kept) {
    if (start > at) changed(at, start);
    parts.push(text.slice(Math.max(start, at), end));
    at = Math.max(at, end);
  }
  changed(at, text.length);
  return h('span', { class: 'aligned-text' }, ...parts);
}
