/**
 * The Compare view (`?view=compare&cmp=FROM,TO`): two plans side by side (GET /api/compare). Paired
 * measures share a row, the later plan's inserted characters and the earlier plan's deleted ones
 * marked inside each; the measures added and those not continued are listed after; entities and
 * units gained and lost, and the units that took over work, sum the change up.
 */
import { h, mount } from '../../components/dom';
import { alignedText, lineageBadge, yearReference } from '../../components/lineage';
import { api, type CompareResponse } from '../../core/api/client';
import { corpus } from '../../core/api/corpus';
import { t } from '../../locales';
import type { MountedView, ViewContext } from '../types';
import type { DocumentSummary, EntityChange, MeasureRow } from '../../../../model/api';
import { planName } from '../../../../model/names';
import { onShownScriptChange, showMeasureText, showName } from '../../core/script/convert';

/** A measure's text in the script shown (textAlt keeps the length, so the alignment still fits). */
const shownText = (row: MeasureRow) => showMeasureText(row.text, row.textAlt, row.document.script);

export class CompareView implements MountedView {
  readonly element: HTMLElement;
  private documents: DocumentSummary[] = [];
  private result: CompareResponse | null = null;
  private error: string | null = null;
  private pending: AbortController | null = null;
  private readonly heading = h('h2', { class: 'compare__title' });
  private readonly fromSelect = h('select', { class: 'compare__from' });
  private readonly toSelect = h('select', { class: 'compare__to' });
  private readonly fromLabel = h('label', { class: 'compare__label' });
  private readonly toLabel = h('label', { class: 'compare__label' });
  private readonly body = h('div', { class: 'compare__body', 'aria-live': 'polite' });

  constructor(private readonly ctx: ViewContext) {
    const choose = () =>
      ctx.store.update({ compare: { from: this.fromSelect.value || null, to: this.toSelect.value || null } });
    this.fromSelect.addEventListener('change', choose);
    this.toSelect.addEventListener('change', choose);
    this.element = h(
      'section',
      { class: 'compare' },
      this.heading,
      h('div', { class: 'compare__choice' }, this.fromLabel, this.toLabel),
      this.body,
    );
    ctx.store.subscribe((state, previous) => {
      if (state.compare !== previous.compare) void this.compare();
      else if (state.lang !== previous.lang) this.render();
    });
    onShownScriptChange(() => this.render());
    corpus.onChange(() => void this.load());
    void this.load();
  }

  show(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.documents = await api.documents();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    const chosen = this.ctx.store.get().compare;
    if (!chosen?.from && !chosen?.to) {
      // The two latest plans of a series, if there is one: the comparison most people come for.
      const pair = latestPair(this.documents);
      if (pair) return this.ctx.store.update({ compare: { from: pair[0], to: pair[1] } });
    }
    await this.compare();
  }

  private async compare(): Promise<void> {
    const chosen = this.ctx.store.get().compare;
    this.pending?.abort();
    this.result = null;
    if (!chosen?.from || !chosen.to) return this.render();
    const pending = new AbortController();
    this.pending = pending;
    this.render();
    try {
      this.result = await api.compare(chosen.from, chosen.to, pending.signal);
      this.error = null;
    } catch (error) {
      if (pending.signal.aborted) return;
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.render();
  }

  private options(select: HTMLSelectElement, value: string | null | undefined): void {
    mount(
      select,
      h('option', { value: '', text: t('compare.choose') }),
      [...this.documents]
        .sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || a.key.localeCompare(b.key))
        .map((d) =>
          h('option', {
            value: d.key,
            text: showName(planName(d)),
            selected: d.key === value,
          }),
        ),
    );
  }

  private render(): void {
    const chosen = this.ctx.store.get().compare;
    this.heading.textContent = t('compare.title');
    this.options(this.fromSelect, chosen?.from);
    this.options(this.toSelect, chosen?.to);
    this.fromLabel.replaceChildren(h('span', { text: t('compare.from') }), this.fromSelect);
    this.toLabel.replaceChildren(h('span', { text: t('compare.to') }), this.toSelect);
    if (this.error)
      return mount(this.body, h('p', { class: 'compare__error', role: 'alert', text: this.error }));
    const result = this.result;
    if (!result) return mount(this.body, h('p', { class: 'muted', text: t('compare.pick') }));
    mount(
      this.body,
      h(
        'p',
        { class: 'compare__summary', role: 'status' },
        t('compare.summary', {
          pairs: result.pairs.length,
          added: result.added.length,
          dropped: result.dropped.length,
        }),
      ),
      result.source === 'computed'
        ? h('p', { class: 'muted compare__computed', text: t('compare.computed') })
        : null,
      this.changes(result),
      h(
        'table',
        { class: 'compare-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', text: showName(planName(result.from)) }),
            h('th', { scope: 'col', text: showName(planName(result.to)) }),
          ),
        ),
        h(
          'tbody',
          {},
          result.pairs.map((pair) =>
            h(
              'tr',
              { class: 'compare-pair', dataset: { from: pair.from.key, to: pair.to.key, kind: pair.kind } },
              h(
                'td',
                {},
                this.measureHead(pair.from),
                alignedText(shownText(pair.from), pair.alignment, 0, 'del'),
              ),
              h(
                'td',
                {},
                this.measureHead(pair.to),
                h(
                  'span',
                  { class: 'compare-pair__kind' },
                  lineageBadge(pair.kind),
                  ' ',
                  t('compare.similarity', { n: Math.round(pair.similarity * 100) }),
                ),
                alignedText(shownText(pair.to), pair.alignment, 2, 'ins'),
              ),
            ),
          ),
        ),
      ),
      this.list('compare.added', 'compare-added', result.added),
      this.list('compare.dropped', 'compare-dropped', result.dropped),
    );
  }

  private measureHead(row: MeasureRow): HTMLElement {
    return h('button', {
      type: 'button',
      class: 'link-button compare__measure',
      text: yearReference(row),
      title: t('measures.open', { ref: yearReference(row) }),
      on: { click: () => this.ctx.store.update({ view: 'graph', selected: row.key }) },
    });
  }

  private list(
    title: 'compare.added' | 'compare.dropped',
    className: string,
    rows: MeasureRow[],
  ): HTMLElement {
    return h(
      'section',
      { class: className },
      h('h3', { text: `${t(title)} (${rows.length})` }),
      rows.length
        ? h(
            'ul',
            { class: 'compare-list' },
            rows.map((row) =>
              h('li', { dataset: { key: row.key } }, this.measureHead(row), ' ', shownText(row)),
            ),
          )
        : h('p', { class: 'muted', text: t('compare.nothing') }),
    );
  }

  private changes(result: CompareResponse): HTMLElement {
    const names = (list: EntityChange[]) =>
      list.length ? list.map((e) => showName(e.name)).join('、') : t('compare.nothing');
    return h(
      'dl',
      { class: 'compare__changes facts' },
      h('dt', { text: t('compare.entitiesGained') }),
      h('dd', { class: 'compare__gained', text: names(result.entities.gained) }),
      h('dt', { text: t('compare.entitiesLost') }),
      h('dd', { class: 'compare__lost', text: names(result.entities.lost) }),
      h('dt', { text: t('compare.unitsGained') }),
      h('dd', { text: names(result.units.gained) }),
      h('dt', { text: t('compare.unitsLost') }),
      h('dd', { text: names(result.units.lost) }),
      h('dt', { text: t('compare.handovers') }),
      h(
        'dd',
        { class: 'compare__handovers' },
        result.units.handovers.length
          ? result.units.handovers
              .map((x) =>
                t('compare.handover', {
                  from: showName(x.from.name),
                  to: showName(x.to.name),
                  n: x.measures,
                }),
              )
              .join('；')
          : t('compare.nothing'),
      ),
    );
  }
}

/** The two latest plans of one series (the same partner, different years), earlier first. */
function latestPair(documents: DocumentSummary[]): [string, string] | null {
  const dated = documents.filter((d) => d.region && d.year !== null).sort((a, b) => b.year! - a.year!);
  for (const later of dated) {
    const earlier = dated.find((d) => d.region === later.region && d.year! < later.year!);
    if (earlier) return [earlier.key, later.key];
  }
  return null;
}
