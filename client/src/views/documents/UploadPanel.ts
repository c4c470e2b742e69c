/**
 * Adding documents: drop files on the panel or pick them (several at once), or paste a text. Each
 * file shows its way in (read → parse → extract → load) as the server reports it, then its parse
 * report: measures, entities, units, the warnings that say whether it was read right, and a link to
 * its outline; a file that failed shows why, in one line.
 */
import { h, mount } from '../../components/dom';
import { api, type UploadEvent } from '../../core/api/client';
import {
  INGEST_STAGES,
  type IngestStage,
  type UploadedDocument,
  type UploadFailure,
} from '../../../../model/api';
import { t } from '../../locales';

/** The formats the server reads (ingest/formats), for the file picker. */
export const ACCEPT = '.txt,.md,.html,.htm,.docx,.pdf';

interface Row {
  element: HTMLLIElement;
  stage: IngestStage | null;
  report: UploadedDocument | UploadFailure | null;
}

export class UploadPanel {
  readonly element: HTMLElement;
  private readonly input = h('input', {
    type: 'file',
    multiple: true,
    accept: ACCEPT,
    class: 'visually-hidden',
    // The drop zone is the control; the input it opens is named for screen readers but not tabbed to.
    'aria-label': t('documents.drop'),
    tabindex: '-1',
  });
  private readonly list = h('ol', { class: 'uploads', 'aria-live': 'polite' });
  private readonly pasteName = h('input', {
    class: 'paste__name',
    type: 'text',
    placeholder: 'plan-2021.txt',
  });
  private readonly pasteText = h('textarea', { class: 'paste__text', rows: 6 });
  private rows = new Map<string, Row>();

  constructor(
    /** Called once an upload has ended, with what loaded. */
    private readonly done: (loaded: UploadedDocument[]) => void,
    /** Opens a document's outline. */
    private readonly open: (key: string) => void,
  ) {
    const zone = h(
      'div',
      {
        class: 'dropzone',
        tabindex: '0',
        role: 'button',
        // Named by what it shows (the call and the formats), so speech input can say what it reads.
        on: {
          dragover: (event) => {
            event.preventDefault();
            zone.classList.add('dropzone--over');
          },
          dragleave: () => zone.classList.remove('dropzone--over'),
          drop: (event) => {
            event.preventDefault();
            zone.classList.remove('dropzone--over');
            const files = [...(event.dataTransfer?.files ?? [])];
            if (files.length) void this.upload(files);
          },
          click: () => this.input.click(),
          keydown: (event) => {
            if (event.key === 'Enter' || event.key === ' ') this.input.click();
          },
        },
      },
      h('p', { class: 'dropzone__title', text: t('documents.drop') }),
      h('p', { class: 'dropzone__hint', text: t('documents.formats') }),
    );
    this.input.addEventListener('change', () => {
      const files = [...(this.input.files ?? [])];
      this.input.value = '';
      if (files.length) void this.upload(files);
    });
    const paste = h(
      'details',
      { class: 'paste' },
      h('summary', { text: t('documents.paste') }),
      h('label', { class: 'paste__label' }, t('documents.pasteName'), this.pasteName),
      h('label', { class: 'paste__label' }, t('documents.pasteText'), this.pasteText),
      h('button', {
        type: 'button',
        class: 'paste__add',
        text: t('documents.pasteAdd'),
        on: {
          click: () => {
            const text = this.pasteText.value;
            if (!text.trim()) return;
            const name = this.pasteName.value.trim() || 'pasted.txt';
            void this.upload({ name, text }).then(() => {
              this.pasteText.value = '';
            });
          },
        },
      }),
    );
    this.element = h('section', { class: 'upload' }, zone, this.input, paste, this.list);
  }

  /** Uploads files (or a pasted text); `replaces`: the document the one file is a new version of. */
  async upload(input: File[] | { name: string; text: string }, replaces?: string): Promise<void> {
    const names = Array.isArray(input)
      ? input.map((f) => f.name)
      : [/\.(txt|md)$/i.test(input.name) ? input.name : `${input.name}.txt`];
    this.rows = new Map(
      names.map((name) => [name, { element: h('li', { class: 'upload__file' }), stage: null, report: null }]),
    );
    mount(
      this.list,
      [...this.rows.values()].map((r) => r.element),
    );
    for (const [name, row] of this.rows) this.render(name, row);
    try {
      const result = await api.upload(
        input,
        (event) => this.onEvent(event),
        replaces === undefined ? {} : { replaces },
      );
      this.done(result.documents);
    } catch (error) {
      for (const [name, row] of this.rows)
        if (!row.report) {
          row.report = {
            file: name,
            code: 'UPLOAD_FAILED',
            message: error instanceof Error ? error.message : String(error),
          };
          this.render(name, row);
        }
    }
  }

  private onEvent(event: UploadEvent): void {
    const name =
      event.type === 'stage'
        ? event.file
        : event.type === 'document'
          ? event.document.file
          : event.type === 'failure'
            ? event.failure.file
            : null;
    const row = name ? this.rows.get(name) : undefined;
    if (!name || !row) return;
    if (event.type === 'stage') row.stage = event.stage;
    if (event.type === 'document') row.report = event.document;
    if (event.type === 'failure') row.report = event.failure;
    this.render(name, row);
  }

  private render(name: string, row: Row): void {
    const { report } = row;
    const state = !report ? (row.stage ?? 'waiting') : 'key' in report ? 'done' : 'failed';
    row.element.dataset.file = name;
    row.element.dataset.state = state;
    const steps = h(
      'ol',
      { class: 'upload__steps' },
      INGEST_STAGES.map((stage, i) => {
        const at = row.stage ? INGEST_STAGES.indexOf(row.stage) : -1;
        const status = state === 'done' || i < at ? 'done' : i === at && state !== 'failed' ? 'now' : 'todo';
        return h('li', {
          class: `upload__step upload__step--${status}`,
          text: t(`documents.stage.${stage}`),
        });
      }),
    );
    mount(
      row.element,
      h('p', { class: 'upload__name', text: name }),
      steps,
      report && 'key' in report ? this.reportOf(report) : null,
      report && !('key' in report)
        ? h('p', { class: 'upload__error', role: 'alert', text: report.message })
        : null,
    );
  }

  private reportOf(report: UploadedDocument): HTMLElement {
    return h(
      'div',
      { class: 'upload__report' },
      h('p', {
        class: 'upload__summary',
        text: t('documents.report', {
          title: report.title || report.key,
          readAs: report.readAs,
          measures: report.measures,
          entities: report.entities,
          units: report.units,
        }),
      }),
      report.note ? h('p', { class: 'upload__note', text: report.note }) : null,
      report.warnings.length
        ? h(
            'details',
            { class: 'upload__warnings' },
            h('summary', { text: t('documents.warnings', { n: report.warnings.length }) }),
            h(
              'ul',
              {},
              report.warnings.map((w) => h('li', { text: w })),
            ),
          )
        : h('p', { class: 'upload__clean', text: t('documents.noWarnings') }),
      h('button', {
        type: 'button',
        class: 'upload__outline link-button',
        text: t('documents.outline'),
        on: { click: () => this.open(report.key) },
      }),
    );
  }
}
