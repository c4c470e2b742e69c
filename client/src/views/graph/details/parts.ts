/** Pieces the details views share: a node chip, a measure's text with its mentions marked, a section. */
import { h } from '../../../components/dom';
import type { ExplorerGraph } from '../../../core/graph/load';
import { measureContext, nodeName, segmentText, type MeasureContext } from '../../../core/graph/provenance';
import { NODE_COLORS } from '../../../core/graph/style';
import { t } from '../../../locales';
import { sectionLabel } from '../../../../../model/names';
import { measureTitle, openMeasureTitle } from '../../../components/measure-title';
import { contentLang, showMeasureText } from '../../../core/script/convert';

export interface DetailsActions {
  /** Selects a node and brings the camera to it. */
  select(node: string): void;
  expand(node: string): void;
  focus(node: string): void;
  search(text: string): void;
}

/** Other forms of an entity's name (aliases, English), for titles on hover. */
export function otherNames(graph: ExplorerGraph, node: string): string[] {
  const a = graph.getNodeAttributes(node);
  const name = nodeName(a);
  return [...new Set([...(a.aliases ?? []), a.nameEn].filter((x): x is string => !!x && x !== name))];
}

/** The name a chip shows for a node: entities as stored, measures and sections by number. */
export function shortName(graph: ExplorerGraph, node: string): string {
  const a = graph.getNodeAttributes(node);
  if (a.label === 'Measure') return measureTitle(a);
  if (a.label === 'Section')
    return sectionLabel({ number: String(a.number ?? ''), level: Number(a.level ?? 1), title: nodeName(a) });
  return nodeName(a);
}

export function chip(
  graph: ExplorerGraph,
  node: string,
  actions: DetailsActions,
  extra?: Node | string,
): HTMLElement {
  const a = graph.getNodeAttributes(node);
  return h(
    'button',
    {
      type: 'button',
      class: 'chip',
      title: [t(`label.${a.label}`), ...otherNames(graph, node)].join(' · '),
      dataset: { node },
      on: { click: () => actions.select(node) },
    },
    h('span', { class: 'swatch', style: `background:${NODE_COLORS[a.label]}` }),
    h('span', { class: 'chip__name', text: shortName(graph, node) }),
    extra,
  );
}

/**
 * Where a measure stands: its sections outermost first, as chips joined by ›, so a subsection
 * (`（一）金融業合作`) always reads under its section (`三、促進現代服務業合作 › （一）金融業合作`).
 */
export function sectionPath(graph: ExplorerGraph, sections: string[], actions: DetailsActions): HTMLElement {
  return h(
    'span',
    { class: 'section-path' },
    sections.flatMap((s, i) => [
      i > 0 ? h('span', { class: 'section-path__sep', 'aria-hidden': 'true', text: '›' }) : null,
      chip(graph, s, actions),
    ]),
  );
}

export function chipList(graph: ExplorerGraph, nodes: string[], actions: DetailsActions): HTMLElement {
  return h(
    'div',
    { class: 'chips' },
    nodes.map((n) => chip(graph, n, actions)),
  );
}

export function section(title: string, ...body: (Node | string | null | false)[]): HTMLElement {
  return h(
    'section',
    { class: 'details__section' },
    h('h3', { class: 'details__heading', text: title }),
    ...body,
  );
}

/**
 * A measure's text with every mention marked; the mentions of `focus` stand out. Each mark names its
 * entities on hover and opens the (first other) entity on click.
 */
export function measureText(
  graph: ExplorerGraph,
  context: MeasureContext,
  actions: DetailsActions,
  focus: string | null,
): HTMLElement {
  const attributes = graph.getNodeAttributes(context.measure);
  const script = context.document ? graph.getNodeAttribute(context.document, 'script') : null;
  // In the script shown: the ingest's textAlt keeps the length, so the mention spans still apply.
  const text = showMeasureText(String(attributes.text ?? ''), attributes.textAlt, script);
  return h(
    'p',
    { class: 'measure-text', lang: contentLang(script) },
    segmentText(text, context.mentions).map((segment) => {
      if (!segment.entities.length) return segment.text;
      const names = segment.entities.map((e) => {
        const a = graph.getNodeAttributes(e);
        return t('measure.mentionOf', { name: nodeName(a), type: t(`label.${a.label}`) });
      });
      const target = segment.entities.find((e) => e !== focus) ?? segment.entities[0];
      const first = graph.getNodeAttributes(segment.entities[0] as string);
      return h('mark', {
        class: `mention${focus && segment.entities.includes(focus) ? ' mention--focus' : ''}`,
        style: `--mention:${NODE_COLORS[first.label]}`,
        title: names.join('\n'),
        tabindex: 0,
        dataset: { entities: segment.entities.join(' '), start: String(segment.start) },
        text: segment.text,
        on: {
          click: () => target && actions.select(target),
          keydown: (event) => event.key === 'Enter' && target && actions.select(target),
        },
      });
    }),
  );
}

/** One measure as a card: its number (a link), text with mentions, responsible units. */
export function measureCard(
  graph: ExplorerGraph,
  measure: string,
  actions: DetailsActions,
  focus: string | null,
  context: MeasureContext = measureContext(graph, measure),
): HTMLElement {
  const attributes = graph.getNodeAttributes(measure);
  return h(
    'article',
    { class: 'measure-card', dataset: { measure, measureNumber: String(attributes.number ?? '?') } },
    h('button', {
      type: 'button',
      class: 'measure-card__number',
      text: measureTitle(attributes),
      title: openMeasureTitle(attributes),
      on: { click: () => actions.select(measure) },
    }),
    measureText(graph, context, actions, focus),
    context.units.length
      ? h(
          'div',
          { class: 'chips chips--small' },
          context.units.map((u) => unitChip(graph, u.entity, u.lead, actions)),
        )
      : null,
  );
}

export function unitChip(
  graph: ExplorerGraph,
  node: string,
  lead: boolean,
  actions: DetailsActions,
): HTMLElement {
  return chip(
    graph,
    node,
    actions,
    lead ? h('span', { class: 'badge badge--lead', text: t('measure.lead') }) : undefined,
  );
}
