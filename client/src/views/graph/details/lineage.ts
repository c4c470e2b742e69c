/**
 * The parts of the details panel that look across years, each loading on its own after the panel is
 * drawn: a measure's lineage strip (its predecessors and successors by year, one click each) and an
 * entity's timeline (a bar per year of the measures touching it, each bar listing them).
 */
import { h, mount } from '../../../components/dom';
import { lineageBadge, yearReference } from '../../../components/lineage';
import { api } from '../../../core/api/client';
import { t } from '../../../locales';
import type { MeasureRow } from '../../../../../model/api';
import { section, type DetailsActions } from './parts';
import { showMeasureText } from '../../../core/script/convert';

/** A measure of another plan or year, one click from its details: `2021·一、2`, its text on hover. */
function measureChip(m: MeasureRow, className: string, actions: DetailsActions, suffix = ''): HTMLElement {
  return h('button', {
    type: 'button',
    class: `chip ${className}`,
    dataset: { node: m.key },
    title: showMeasureText(m.text, m.textAlt, m.document.script),
    text: `${yearReference(m)}${suffix}`,
    on: { click: () => actions.select(m.key) },
  });
}

export function lineageStrip(key: string, actions: DetailsActions): HTMLElement {
  const body = h(
    'div',
    { class: 'lineage-strip', 'aria-busy': 'true' },
    h('p', { class: 'muted', text: t('lineage.loading') }),
  );
  api
    .lineage(key)
    .then((result) => {
      body.setAttribute('aria-busy', 'false');
      const similar = result.similar.length
        ? h(
            'p',
            { class: 'lineage-strip__similar' },
            h('span', { class: 'muted', text: t('lineage.similar') }),
            ' ',
            result.similar.map((m) =>
              measureChip(m, 'lineage-strip__twin', actions, ` (${Math.round(m.similarity * 100)}%)`),
            ),
          )
        : null;
      if (result.measures.length <= 1)
        return mount(body, h('p', { class: 'muted', text: t('lineage.empty') }), similar);
      const kindOf = new Map<string, string>();
      for (const link of result.links)
        if (link.from === key || link.to === key)
          kindOf.set(link.from === key ? link.to : link.from, link.kind);
      mount(
        body,
        h(
          'ol',
          { class: 'lineage-strip__list' },
          result.measures.map((m: MeasureRow) =>
            h(
              'li',
              {
                class:
                  m.key === key ? 'lineage-strip__item lineage-strip__item--current' : 'lineage-strip__item',
              },
              m.key === key
                ? h('span', { class: 'lineage-strip__self', 'aria-current': 'true', text: yearReference(m) })
                : measureChip(m, 'lineage-strip__measure', actions),
              kindOf.has(m.key) ? lineageBadge(kindOf.get(m.key) as MeasureRow['lineage']) : null,
            ),
          ),
        ),
        similar,
      );
    })
    .catch((error: unknown) => mount(body, h('p', { class: 'muted', role: 'alert', text: String(error) })));
  return section(t('lineage.title'), body);
}

export function entityTimeline(key: string, actions: DetailsActions): HTMLElement {
  const chart = h('div', { class: 'timeline', 'aria-busy': 'true' });
  const list = h('div', { class: 'timeline__measures' });
  api
    .timeline(key)
    .then((result) => {
      chart.setAttribute('aria-busy', 'false');
      const most = Math.max(1, ...result.years.map((y) => y.count));
      const open = (index: number) => {
        const year = result.years[index]!;
        for (const [i, bar] of bars.entries()) bar.setAttribute('aria-pressed', String(i === index));
        mount(
          list,
          h(
            'ul',
            { class: 'timeline__list' },
            year.documents.flatMap((d) =>
              d.measures.map((m) => h('li', {}, measureChip(m, 'timeline__measure', actions))),
            ),
          ),
        );
      };
      const bars = result.years.map((year, index) => {
        const label = year.year === null ? t('timeline.undated') : String(year.year);
        return h(
          'button',
          {
            type: 'button',
            class: 'timeline__bar',
            dataset: { year: label },
            'aria-pressed': 'false',
            // Named by its visible count and year (an aria-label hid them from voice control); the
            // title says it in words.
            title: t('timeline.bar', { year: label, n: year.count }),
            on: { click: () => open(index) },
          },
          h('span', { class: 'timeline__fill', style: `height:${Math.round((year.count / most) * 100)}%` }),
          h('span', { class: 'timeline__count', text: year.count }),
          h('span', { class: 'timeline__year', text: label }),
        );
      });
      mount(chart, ...bars);
    })
    .catch((error: unknown) => mount(chart, h('p', { class: 'muted', role: 'alert', text: String(error) })));
  return section(t('timeline.title'), h('div', {}, chart, list));
}
