/**
 * An entity: its names, type and places; the measures that mention it grouped by document and
 * section, each with its text and every mention marked; the units responsible for those measures.
 */
import { entityTimeline } from './lineage';
import { h } from '../../../components/dom';
import type { ExplorerGraph } from '../../../core/graph/load';
import {
  groupByDocumentAndSection,
  measureContext,
  measuresTouching,
  unitsOf,
} from '../../../core/graph/provenance';
import { t } from '../../../locales';
import { chip, chipList, measureCard, section, sectionPath, type DetailsActions } from './parts';

function related(graph: ExplorerGraph, node: string, direction: 'out' | 'in', types: string[]): string[] {
  const found = new Set<string>();
  const each = direction === 'out' ? graph.forEachOutEdge.bind(graph) : graph.forEachInEdge.bind(graph);
  each(node, (_e, a, source, target) => {
    if (types.includes(a.type)) found.add(direction === 'out' ? target : source);
  });
  return [...found];
}

export function entityDetails(graph: ExplorerGraph, node: string, actions: DetailsActions): HTMLElement[] {
  const a = graph.getNodeAttributes(node);
  const aliases = [...new Set(a.aliases ?? [])].filter((x) => x !== a.name && x !== a.nameEn);
  const locatedIn = related(graph, node, 'out', ['LOCATED_IN']);
  const partOf = related(graph, node, 'out', ['PART_OF']);
  const within = related(graph, node, 'in', ['LOCATED_IN', 'PART_OF']);
  const documents = related(graph, node, 'in', ['IMPLEMENTS', 'SIGNED_BY']);
  const { mentioned, assigned } = measuresTouching(graph, node);
  const contexts = mentioned.map((m) => measureContext(graph, m));
  const units = unitsOf(contexts);

  const grouped = (list: typeof contexts) =>
    groupByDocumentAndSection(list).map((group) =>
      h(
        'div',
        { class: 'measure-group' },
        h(
          'p',
          { class: 'measure-group__path' },
          group.document ? chip(graph, group.document, actions) : null,
          group.measures[0]?.sections.length ? sectionPath(graph, group.measures[0].sections, actions) : null,
        ),
        group.measures.map((context) => measureCard(graph, context.measure, actions, node, context)),
      ),
    );

  return [
    aliases.length || a.nameEn
      ? h(
          'dl',
          { class: 'facts' },
          aliases.length
            ? [h('dt', { text: t('entity.aliases') }), h('dd', { text: aliases.join('、') })]
            : null,
          a.nameEn ? [h('dt', { text: t('entity.english') }), h('dd', { text: a.nameEn })] : null,
        )
      : null,
    locatedIn.length ? section(t('entity.locatedIn'), chipList(graph, locatedIn, actions)) : null,
    partOf.length ? section(t('entity.partOf'), chipList(graph, partOf, actions)) : null,
    within.length ? section(t('entity.contains'), chipList(graph, within, actions)) : null,
    documents.length ? section(t('entity.documents'), chipList(graph, documents, actions)) : null,
    mentioned.length || assigned.length ? entityTimeline(node, actions) : null,
    section(
      t('entity.mentionedBy', { n: mentioned.length }),
      ...(mentioned.length ? grouped(contexts) : [h('p', { class: 'muted', text: t('entity.noMeasures') })]),
    ),
    assigned.length
      ? section(
          t('entity.assigned', { n: assigned.length }),
          ...grouped(assigned.map((m) => measureContext(graph, m))),
        )
      : null,
    mentioned.length
      ? section(
          t('entity.units'),
          units.length
            ? h(
                'ul',
                { class: 'units' },
                units.map((u) =>
                  h(
                    'li',
                    {},
                    chip(graph, u.entity, actions),
                    h('span', {
                      class: 'muted',
                      text: u.lead
                        ? t('entity.unitCount', { lead: u.lead, total: u.total })
                        : t('entity.unitCountShared', { total: u.total }),
                    }),
                  ),
                ),
              )
            : h('p', { class: 'muted', text: t('entity.noUnits') }),
        )
      : null,
  ].filter((x): x is HTMLElement => x !== null);
}
