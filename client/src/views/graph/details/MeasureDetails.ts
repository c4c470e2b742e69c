/** A measure: its text with the mentions marked, where it stands, who is responsible, what it names. */
import { lineageStrip } from './lineage';
import { h } from '../../../components/dom';
import type { ExplorerGraph } from '../../../core/graph/load';
import { measureContext } from '../../../core/graph/provenance';
import { t } from '../../../locales';
import { showName } from '../../../core/script/convert';
import { chip, chipList, measureText, section, sectionPath, unitChip, type DetailsActions } from './parts';

export function measureDetails(graph: ExplorerGraph, node: string, actions: DetailsActions): HTMLElement[] {
  const context = measureContext(graph, node);
  const number = graph.getNodeAttribute(node, 'number') ?? '?';
  const leaders: unknown = graph.getNodeAttribute(node, 'leaders');
  return [
    h(
      'div',
      { class: 'measure-card measure-card--main', dataset: { measure: node, measureNumber: String(number) } },
      measureText(graph, context, actions, null),
    ),
    h(
      'dl',
      { class: 'facts' },
      context.document
        ? [h('dt', { text: t('measure.document') }), h('dd', {}, chip(graph, context.document, actions))]
        : null,
      context.sections.length
        ? [
            h('dt', { text: t('measure.section') }),
            h('dd', { class: 'chips' }, sectionPath(graph, context.sections, actions)),
          ]
        : null,
      // Task-division plans name the official in charge: a person, so text rather than a chip.
      Array.isArray(leaders) && leaders.length
        ? [
            h('dt', { text: t('measure.leaders') }),
            h('dd', { class: 'measure-leaders', text: leaders.map((l) => showName(String(l))).join('、') }),
          ]
        : null,
    ),
    section(
      t('measure.units'),
      context.units.length
        ? h(
            'div',
            { class: 'chips' },
            context.units.map((u) => unitChip(graph, u.entity, u.lead, actions)),
          )
        : h('p', { class: 'muted', text: t('measure.noUnits') }),
    ),
    section(
      t('measure.entities', { n: context.mentions.length }),
      context.mentions.length
        ? chipList(
            graph,
            context.mentions.map((m) => m.entity),
            actions,
          )
        : h('p', { class: 'muted', text: t('measure.noEntities') }),
    ),
    lineageStrip(node, actions),
  ];
}
