/** A document or a section: what it is, what it holds (sections, measures), in reading order. */
import { h } from '../../../components/dom';
import type { ExplorerGraph } from '../../../core/graph/load';
import { t } from '../../../locales';
import { showName } from '../../../core/script/convert';
import { chipList, measureCard, section, type DetailsActions } from './parts';

function children(graph: ExplorerGraph, node: string, type: 'HAS_SECTION' | 'HAS_MEASURE'): string[] {
  const found: string[] = [];
  graph.forEachOutEdge(node, (_e, a, _s, target) => {
    if (a.type === type) found.push(target);
  });
  const rank = (n: string) => {
    const a = graph.getNodeAttributes(n);
    return typeof a.ordinal === 'number' ? a.ordinal : 0;
  };
  return found.sort((x, y) => rank(x) - rank(y));
}

export function sectionDetails(graph: ExplorerGraph, node: string, actions: DetailsActions): HTMLElement[] {
  const subsections = children(graph, node, 'HAS_SECTION');
  const measures = children(graph, node, 'HAS_MEASURE');
  const document = graph.getNodeAttribute(node, 'document');
  return [
    typeof document === 'string' && graph.hasNode(document)
      ? section(t('measure.document'), chipList(graph, [document], actions))
      : null,
    subsections.length ? section(t('section.subsections'), chipList(graph, subsections, actions)) : null,
    measures.length
      ? section(
          t('section.measures', { n: measures.length }),
          ...measures.map((m) => measureCard(graph, m, actions, null)),
        )
      : null,
  ].filter((x): x is HTMLElement => x !== null);
}

export function documentDetails(graph: ExplorerGraph, node: string, actions: DetailsActions): HTMLElement[] {
  const a = graph.getNodeAttributes(node);
  const issuer = Array.isArray(a.issuer) ? a.issuer.join('、') : typeof a.issuer === 'string' ? a.issuer : '';
  const fact = (label: string, value: unknown) =>
    value ? [h('dt', { text: label }), h('dd', { text: String(value) })] : null;
  const signed: string[] = [];
  const implemented: string[] = [];
  graph.forEachOutEdge(node, (_e, e, _s, target) => {
    if (e.type === 'SIGNED_BY') signed.push(target);
    if (e.type === 'IMPLEMENTS') implemented.push(target);
  });
  return [
    h(
      'dl',
      { class: 'facts' },
      fact(t('document.issuer'), showName(issuer)),
      fact(t('document.date'), a.date ?? a.year),
      fact(t('document.source'), a.source),
    ),
    h('p', { class: 'muted', text: t('document.measures', { n: a.measures }) }),
    implemented.length ? section(t('rel.IMPLEMENTS'), chipList(graph, implemented, actions)) : null,
    signed.length ? section(t('rel.SIGNED_BY'), chipList(graph, signed, actions)) : null,
    section(t('document.sections'), chipList(graph, children(graph, node, 'HAS_SECTION'), actions)),
  ].filter((x): x is HTMLElement => x !== null);
}
