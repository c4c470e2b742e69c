/**
 * The Documents view (`?view=documents`): the corpus as a table (title, year, issuer, partner,
 * document number, how it was read, counts, warnings, when added), adding documents (UploadPanel),
 * a document's outline, correcting its metadata and deleting it. Every change tells the other views
 * through core/api/corpus.ts, so the graph, the search and the overlaps follow.
 */
import { h, mount } from '../../components/dom';
import { api, type DocumentOutline, type DocumentSummary } from '../../core/api/client';
import { corpus } from '../../core/api/corpus';
import { t } from '../../locales';
import type { MountedView, ViewContext } from '../types';
import { ACCEPT, UploadPanel } from './UploadPanel';
import { PARTNER_REGIONS } from '../../../../model/api';
import { onShownScriptChange, showName } from '../../core/script/convert';

/** Documents per page of the table. */
const PAGE = 100;

const REGIONS = ['', ...PARTNER_REGIONS] as const;

export class DocumentsView implements MountedView {
  readonly element: HTMLElement;
  private readonly table = h('div', { class: 'doclist-host' });
  private readonly outline = h('aside', { class: 'outline', 'aria-live': 'polite' });
  private documents: DocumentSummary[] = [];
  /** The page shown: a corpus of thousands is listed a page at a time, filtered on the server. */
  private offset = 0;
  private total = 0;
  private query = '';
  private readonly filter = h('input', {
    type: 'search',
    class: 'doclist__filter',
    placeholder: t('documents.filter'),
    'aria-label': t('documents.filter'),
  });
  private readonly pager = h('div', { class: 'doclist__pager', 'aria-live': 'polite' });
  private editing: string | null = null;
  private confirming: string | null = null;
  private error: string | null = null;
  private readonly uploads: UploadPanel;
  /** The document a picked file will be a new version of. */
  private replacing: string | null = null;
  private readonly replaceInput = h('input', {
    type: 'file',
    accept: ACCEPT,
    class: 'visually-hidden doclist__replace-file',
    'aria-label': t('documents.replaceHint'),
    tabindex: '-1',
  });

  constructor(private readonly ctx: ViewContext) {
    const upload = new UploadPanel(
      (loaded) => {
        if (loaded.length) corpus.changed();
      },
      (key) => void this.showOutline(key),
    );
    this.uploads = upload;
    this.replaceInput.addEventListener('change', () => {
      const file = this.replaceInput.files?.[0];
      const key = this.replacing;
      this.replaceInput.value = '';
      if (file && key) void this.uploads.upload([file], key);
    });
    this.element = h(
      'div',
      { class: 'documents' },
      h(
        'div',
        { class: 'documents__main' },
        h('h2', { class: 'documents__title', text: t('documents.title') }),
        upload.element,
        this.replaceInput,
        this.filter,
        this.table,
        this.pager,
      ),
      this.outline,
    );
    let typing: ReturnType<typeof setTimeout> | undefined;
    this.filter.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => {
        this.query = this.filter.value.trim();
        this.offset = 0;
        void this.load();
      }, 250);
    });
    corpus.onChange(() => void this.load());
    ctx.store.subscribe((state, previous) => {
      if (state.lang !== previous.lang) this.render();
    });
    onShownScriptChange(() => this.render());
    void this.load();
  }

  show(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const page = await api.documentPage({ q: this.query, limit: PAGE, offset: this.offset });
      this.documents = page.documents;
      this.total = page.total;
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.render();
  }

  private renderPager(): void {
    if (this.total <= PAGE && this.offset === 0) return mount(this.pager);
    const go = (offset: number) => () => {
      this.offset = offset;
      void this.load();
    };
    mount(
      this.pager,
      h('button', {
        type: 'button',
        class: 'doclist__prev',
        text: t('documents.previous'),
        disabled: this.offset === 0,
        on: { click: go(Math.max(0, this.offset - PAGE)) },
      }),
      h('span', {
        class: 'doclist__range',
        text: t('documents.range', {
          from: (this.documents.length ? this.offset + 1 : 0).toLocaleString(),
          to: (this.offset + this.documents.length).toLocaleString(),
          total: this.total.toLocaleString(),
        }),
      }),
      h('button', {
        type: 'button',
        class: 'doclist__next',
        text: t('documents.next'),
        disabled: this.offset + PAGE >= this.total,
        on: { click: go(this.offset + PAGE) },
      }),
    );
  }

  private render(): void {
    this.filter.placeholder = t('documents.filter');
    this.renderPager();
    if (this.error)
      return mount(this.table, h('p', { class: 'documents__error', role: 'alert', text: this.error }));
    if (this.documents.length === 0)
      return mount(
        this.table,
        h('p', { class: 'documents__empty', text: t(this.query ? 'documents.noMatch' : 'documents.empty') }),
      );
    const header = [
      'title',
      'year',
      'issuer',
      'region',
      'number',
      'readAs',
      'measures',
      'entities',
      'units',
      'warnings',
      'added',
      '',
    ];
    mount(
      this.table,
      h(
        'table',
        { class: 'doclist' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            header.map((k) => h('th', { scope: 'col', text: k ? t(`documents.col.${k}` as never) : '' })),
          ),
        ),
        h(
          'tbody',
          {},
          this.documents.map((d) => (this.editing === d.key ? this.editRow(d) : this.row(d))),
        ),
      ),
    );
  }

  private row(d: DocumentSummary): HTMLTableRowElement {
    const edited = new Set(d.edited);
    const cell = (text: string | number, field?: string) =>
      h('td', {
        class: field && edited.has(field) ? 'doclist__edited' : undefined,
        text,
        title: field && edited.has(field) ? t('documents.edited') : undefined,
      });
    return h(
      'tr',
      { dataset: { key: d.key } },
      h(
        'td',
        {},
        h('button', {
          type: 'button',
          class: 'doclist__open link-button',
          text: showName(d.title) || d.key,
          on: { click: () => void this.showOutline(d.key) },
        }),
      ),
      cell(d.year ?? '', 'year'),
      cell(d.issuer.map(showName).join('、'), 'issuer'),
      cell(d.region ? t(`documents.region.${d.region}` as never) : '', 'region'),
      cell(d.documentNumber ?? '', 'documentNumber'),
      cell(
        [d.format, d.encoding && !d.encoding.startsWith('UTF-8') ? d.encoding : '']
          .filter(Boolean)
          .join(', '),
      ),
      cell(d.counts.measures),
      cell(d.counts.entities),
      cell(d.counts.units),
      cell(d.warnings),
      cell(d.loadedAt ? new Date(d.loadedAt).toLocaleString(this.ctx.store.get().lang) : ''),
      h(
        'td',
        { class: 'doclist__actions' },
        h('a', {
          class: 'doclist__original button-link',
          href: api.documentOriginalUrl(d.key),
          download: '',
          text: t('documents.original'),
          title: t('documents.originalHint'),
        }),
        h('button', {
          type: 'button',
          class: 'doclist__edit',
          text: t('documents.edit'),
          on: { click: () => this.startEdit(d.key) },
        }),
        h('button', {
          type: 'button',
          class: 'doclist__replace',
          text: t('documents.replace'),
          title: t('documents.replaceHint'),
          on: {
            click: () => {
              this.replacing = d.key;
              this.replaceInput.click();
            },
          },
        }),
        this.confirming === d.key
          ? h('button', {
              type: 'button',
              class: 'doclist__confirm danger',
              text: t('documents.confirmDelete'),
              on: { click: () => void this.remove(d.key) },
            })
          : h('button', {
              type: 'button',
              class: 'doclist__delete',
              text: t('documents.delete'),
              on: { click: () => this.askDelete(d.key) },
            }),
      ),
    );
  }

  private editRow(d: DocumentSummary): HTMLTableRowElement {
    const title = h('input', {
      class: 'docedit__title',
      value: d.title,
      'aria-label': t('documents.col.title'),
    });
    const year = h('input', {
      class: 'docedit__year',
      type: 'number',
      value: d.year ?? '',
      'aria-label': t('documents.col.year'),
    });
    const number = h('input', {
      class: 'docedit__number',
      value: d.documentNumber ?? '',
      'aria-label': t('documents.col.number'),
    });
    const region = h(
      'select',
      { class: 'docedit__region', 'aria-label': t('documents.col.region') },
      REGIONS.map((r) =>
        h('option', {
          value: r,
          selected: (d.region ?? '') === r,
          text: r ? t(`documents.region.${r}` as never) : '—',
        }),
      ),
    );
    const save = async () => {
      try {
        await api.patchDocument(d.key, {
          title: title.value.trim() || d.title,
          year: year.value ? Number(year.value) : null,
          documentNumber: number.value.trim() || null,
          region: (region.value || null) as DocumentSummary['region'] as never,
        });
        this.editing = null;
        corpus.changed();
      } catch (error) {
        this.ctx.toast.show(error instanceof Error ? error.message : String(error), 'error');
      }
    };
    return h(
      'tr',
      { class: 'docedit', dataset: { key: d.key } },
      h('td', { colspan: '11' }, h('div', { class: 'docedit__fields' }, title, year, region, number)),
      h(
        'td',
        { class: 'doclist__actions' },
        h('button', {
          type: 'button',
          class: 'docedit__save',
          text: t('documents.save'),
          on: { click: () => void save() },
        }),
        h('button', {
          type: 'button',
          class: 'docedit__cancel',
          text: t('documents.cancel'),
          on: { click: () => ((this.editing = null), this.render()) },
        }),
      ),
    );
  }

  private startEdit(key: string): void {
    this.editing = key;
    this.confirming = null;
    this.render();
  }

  private askDelete(key: string): void {
    this.confirming = key;
    this.render();
  }

  private async remove(key: string): Promise<void> {
    try {
      await api.deleteDocument(key);
      this.confirming = null;
      this.ctx.toast.show(t('documents.deleted', { key }), 'info');
      if (this.outline.dataset.key === key) mount(this.outline);
      corpus.changed();
    } catch (error) {
      this.ctx.toast.show(error instanceof Error ? error.message : String(error), 'error');
    }
  }

  private async showOutline(key: string): Promise<void> {
    let outline: DocumentOutline;
    try {
      outline = await api.outline(key);
    } catch (error) {
      this.ctx.toast.show(error instanceof Error ? error.message : String(error), 'error');
      return;
    }
    this.outline.dataset.key = key;
    type Section = DocumentOutline['sections'][number];
    const measures = (list: DocumentOutline['measures']) =>
      h(
        'ol',
        { class: 'outline__measures' },
        list.map((m) =>
          h(
            'li',
            { class: 'outline__measure' },
            h('span', { class: 'outline__number', text: m.reference || m.number }),
            ' ',
            showName(m.text),
          ),
        ),
      );
    const section = (s: Section): HTMLElement =>
      h(
        'li',
        { class: 'outline__section' },
        h('p', { class: 'outline__heading', text: showName([s.number, s.title].filter(Boolean).join(' ')) }),
        measures(s.measures),
        s.sections.length ? h('ol', {}, s.sections.map(section)) : null,
      );
    mount(
      this.outline,
      h('h3', { class: 'outline__title', text: showName(outline.title) || key }),
      h('p', {
        class: 'outline__meta',
        text: t('documents.outlineMeta', {
          measures: outline.counts.measures,
          sections: outline.counts.sections,
        }),
      }),
      h('button', {
        type: 'button',
        class: 'outline__graph',
        text: t('documents.inGraph'),
        on: {
          click: () =>
            this.ctx.store.update({
              view: 'graph',
              filters: { ...this.ctx.store.get().filters, document: key },
            }),
        },
      }),
      outline.measures.length ? measures(outline.measures) : null,
      h('ol', { class: 'outline__sections' }, outline.sections.map(section)),
    );
  }
}
