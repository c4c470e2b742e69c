/** Over the canvas: zoom, fit, layout start/stop, label density, exports, copy link. */
import { h, mount } from '../../../components/dom';
import { api, EXPORT_FORMATS } from '../../../core/api/client';
import { LABEL_DENSITIES } from '../../../core/state/types';
import { t } from '../../../locales';
import type { GraphContext } from '../context';
import type { CameraController } from '../controllers/CameraController';
import type { ExportController } from '../controllers/ExportController';
import type { FilterController } from '../controllers/FilterController';
import type { LayoutController } from '../controllers/LayoutController';

export class GraphToolbar {
  readonly element = h('div', { class: 'toolbar', role: 'toolbar' });

  constructor(
    private readonly ctx: GraphContext,
    private readonly camera: CameraController,
    private readonly layout: LayoutController,
    /** The exports, loaded on first use (their libraries stay out of the first download). */
    private readonly exporter: () => Promise<ExportController>,
    private readonly filters: FilterController,
  ) {
    ctx.store.subscribe((state, previous) => {
      if (state.lang !== previous.lang || state.labelDensity !== previous.labelDensity) this.render();
    });
    layout.onChange(() => this.render());
    this.render();
  }

  /** Runs an export once its module has loaded; a failure (of either) is said in a toast. */
  private async export(run: (exporter: ExportController) => unknown): Promise<void> {
    try {
      await run(await this.exporter());
    } catch (error) {
      this.ctx.toast.show(t('toolbar.exportFailed', { message: String(error) }), 'error');
    }
  }

  private exportPng(): Promise<void> {
    this.ctx.toast.show(t('toolbar.exporting'));
    return this.export((exporter) => exporter.png());
  }

  private async copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(location.href);
      this.ctx.toast.show(t('toolbar.linkCopied'));
    } catch {
      window.prompt(t('toolbar.copyLink'), location.href);
    }
  }

  private render(): void {
    const { store } = this.ctx;
    const button = (label: string, text: string, run: () => void, extra: Record<string, unknown> = {}) =>
      h('button', {
        type: 'button',
        class: 'icon-button',
        title: label,
        'aria-label': label,
        text,
        on: { click: run },
        ...extra,
      });
    const closeMenu = (event: Event) =>
      (event.target as HTMLElement).closest('details')?.removeAttribute('open');

    mount(
      this.element,
      h(
        'div',
        { class: 'toolbar__group' },
        button(t('toolbar.zoomIn'), '+', () => this.camera.zoom(1.5)),
        button(t('toolbar.zoomOut'), '−', () => this.camera.zoom(1 / 1.5)),
        button(t('toolbar.fit'), '⤢', () => this.camera.fit(this.filters.visible), {
          dataset: { action: 'fit' },
        }),
      ),
      h('button', {
        type: 'button',
        class: `button${this.layout.running ? ' button--active' : ''}`,
        title: t('toolbar.layoutTitle'),
        'aria-pressed': String(this.layout.running),
        dataset: { action: 'layout' },
        text: this.layout.running ? `■ ${t('toolbar.layoutStop')}` : `▶ ${t('toolbar.layoutStart')}`,
        on: { click: () => this.layout.toggle() },
      }),
      h(
        'label',
        { class: 'toolbar__select' },
        `${t('toolbar.labels')} `,
        h(
          'select',
          {
            dataset: { action: 'labels' },
            on: {
              change: (event) =>
                store.update({
                  labelDensity: (event.target as HTMLSelectElement).value as (typeof LABEL_DENSITIES)[number],
                }),
            },
          },
          LABEL_DENSITIES.map((density) =>
            h('option', {
              value: density,
              selected: density === store.get().labelDensity,
              text: t(`toolbar.density.${density}`),
            }),
          ),
        ),
      ),
      h(
        'details',
        { class: 'menu' },
        h('summary', { class: 'button', text: t('toolbar.export'), dataset: { action: 'export' } }),
        h(
          'div',
          { class: 'menu__list', role: 'menu' },
          h('button', {
            type: 'button',
            role: 'menuitem',
            dataset: { export: 'png' },
            text: t('toolbar.exportPng'),
            on: { click: (event) => (closeMenu(event), void this.exportPng()) },
          }),
          h('button', {
            type: 'button',
            role: 'menuitem',
            dataset: { export: 'svg' },
            text: t('export.svg'),
            on: { click: (event) => (closeMenu(event), void this.export((exporter) => exporter.svg())) },
          }),
          h('button', {
            type: 'button',
            role: 'menuitem',
            dataset: { export: 'view-gexf' },
            text: t('toolbar.exportViewGexf'),
            on: { click: (event) => (closeMenu(event), void this.export((exporter) => exporter.viewGexf())) },
          }),
          h('button', {
            type: 'button',
            role: 'menuitem',
            dataset: { export: 'nodes-csv' },
            text: t('export.nodesCsv'),
            on: { click: (event) => (closeMenu(event), void this.export((exporter) => exporter.nodesCsv())) },
          }),
          h('button', {
            type: 'button',
            role: 'menuitem',
            dataset: { export: 'edges-csv' },
            text: t('export.edgesCsv'),
            on: { click: (event) => (closeMenu(event), void this.export((exporter) => exporter.edgesCsv())) },
          }),
          h('p', { class: 'menu__heading', text: t('export.selection') }),
          (['csv', 'txt'] as const).map((format) =>
            h('button', {
              type: 'button',
              role: 'menuitem',
              dataset: { export: `measures-${format}` },
              text: t(format === 'csv' ? 'export.measuresCsv' : 'export.measuresTxt'),
              on: {
                click: (event) => {
                  closeMenu(event);
                  void this.export((exporter) => {
                    if (!exporter.measures(format)) this.ctx.toast.show(t('export.noMeasures'), 'error');
                  });
                },
              },
            }),
          ),
          h('p', { class: 'menu__heading', text: t('toolbar.exportWhole') }),
          EXPORT_FORMATS.map((format) =>
            h('a', {
              role: 'menuitem',
              href: api.exportUrl(format),
              download: '',
              dataset: { export: format },
              text: format.toUpperCase(),
              on: { click: closeMenu },
            }),
          ),
        ),
      ),
      h('button', {
        type: 'button',
        class: 'button',
        text: t('toolbar.copyLink'),
        on: { click: () => void this.copyLink() },
      }),
    );
  }
}
