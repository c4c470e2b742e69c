/**
 * The selected node, explained: the header (type, name as stored, other forms on hover), actions
 * (expand neighbours, focus on them) and the body for its kind. With nothing selected, what to try.
 */
import { afterNodesAdded } from '../../../core/graph/batched';
import { h, mount } from '../../../components/dom';
import { nodeName } from '../../../core/graph/provenance';
import { isEntityLabel } from '../../../core/graph/schema';
import { NODE_COLORS } from '../../../core/graph/style';
import { onShownScriptChange } from '../../../core/script/convert';
import { t } from '../../../locales';
import type { GraphContext } from '../context';
import { entityDetails } from '../details/EntityDetails';
import { measureDetails } from '../details/MeasureDetails';
import { otherNames, shortName, type DetailsActions } from '../details/parts';
import { documentDetails, sectionDetails } from '../details/StructureDetails';
import { SHORTCUT } from '../node-list/NodeList';

const EXAMPLES = ['港珠澳大橋', 'bridge', '前海', 'Hong Kong'];

export class DetailsPanel {
  readonly element = h('aside', { class: 'panel details', 'aria-labelledby': 'details-title', tabindex: -1 });

  constructor(
    private readonly ctx: GraphContext,
    private readonly actions: DetailsActions,
  ) {
    ctx.store.subscribe((state, previous) => {
      if (state.selected !== previous.selected || state.lang !== previous.lang) this.render();
    });
    onShownScriptChange(() => this.render());
    afterNodesAdded(ctx.graph, () => this.render());
    this.render();
  }

  private render(): void {
    const { graph, store } = this.ctx;
    const selected = store.get().selected;
    this.element.dataset.state = selected ? 'selected' : 'empty';
    if (!selected) return this.renderEmpty();
    if (!graph.hasNode(selected))
      return mount(
        this.element,
        h('h2', { id: 'details-title', class: 'panel__title', text: t('details.title') }),
        h('p', { class: 'muted', text: t('details.missing', { key: selected }) }),
      );

    const a = graph.getNodeAttributes(selected);
    const body =
      a.label === 'Measure'
        ? measureDetails(graph, selected, this.actions)
        : a.label === 'Section'
          ? sectionDetails(graph, selected, this.actions)
          : a.label === 'Document'
            ? documentDetails(graph, selected, this.actions)
            : entityDetails(graph, selected, this.actions);
    const aliases = otherNames(graph, selected);

    mount(
      this.element,
      h(
        'header',
        { class: 'details__header' },
        h(
          'p',
          { class: 'details__type' },
          h('span', { class: 'swatch', style: `background:${NODE_COLORS[a.label]}` }),
          t(`label.${a.label}`),
        ),
        h('button', {
          type: 'button',
          class: 'icon-button details__close',
          title: `${t('details.close')} (Esc)`,
          'aria-label': t('details.close'),
          text: '×',
          on: { click: () => store.update({ selected: null }) },
        }),
        h('h2', {
          id: 'details-title',
          class: 'details__name',
          title: aliases.join(' · ') || undefined,
          text: a.label === 'Measure' ? shortName(graph, selected) : nodeName(a),
        }),
        h(
          'div',
          { class: 'details__actions' },
          h('button', {
            type: 'button',
            class: 'button',
            text: t('entity.expand'),
            on: { click: () => this.actions.expand(selected) },
          }),
          h('button', {
            type: 'button',
            class: 'button',
            text: t('entity.focus'),
            on: { click: () => this.actions.focus(selected) },
          }),
        ),
      ),
      h(
        'div',
        { class: 'details__body', dataset: { kind: isEntityLabel(a.label) ? 'entity' : a.label } },
        body,
      ),
    );
    this.element.scrollTop = 0;
  }

  private renderEmpty(): void {
    mount(
      this.element,
      h('h2', { id: 'details-title', class: 'panel__title', text: t('details.emptyTitle') }),
      h('p', { text: t('details.emptyBody') }),
      h(
        'p',
        { class: 'examples' },
        `${t('details.tryThis')}: `,
        EXAMPLES.map((example) =>
          h('button', {
            type: 'button',
            class: 'link example',
            text: example,
            on: { click: () => this.actions.search(example) },
          }),
        ),
      ),
      h('h3', { class: 'details__heading', text: t('details.shortcuts') }),
      h(
        'ul',
        { class: 'shortcuts' },
        h(
          'li',
          {},
          h('kbd', { text: '/' }),
          ' ',
          h('kbd', { text: 'Ctrl K' }),
          ` ${t('details.shortcutSearch')}`,
        ),
        h('li', {}, h('kbd', { text: 'Esc' }), ` ${t('details.shortcutEscape')}`),
        h('li', {}, h('kbd', { text: SHORTCUT.text }), ` ${t('details.shortcutNodeList')}`),
      ),
    );
  }
}
