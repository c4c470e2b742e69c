/**
 * What the graph area says instead of a blank canvas: loading, the server or Neo4j being down, an
 * empty graph, filters that hide everything, each in words with what to do next.
 */
import { h, mount, richText } from './dom';

export interface StatusContent {
  title: string;
  body?: string;
  busy?: boolean;
  action?: { label: string; run: () => void };
  tone?: 'info' | 'error';
}

export class StatusMessage {
  readonly element = h('div', { class: 'status', hidden: true, role: 'status', 'aria-live': 'polite' });

  show(content: StatusContent | null): void {
    this.element.hidden = content === null;
    if (!content) return mount(this.element);
    this.element.dataset.tone = content.tone ?? 'info';
    mount(
      this.element,
      h(
        'div',
        { class: 'status__card' },
        content.busy && h('div', { class: 'status__spinner', 'aria-hidden': 'true' }),
        h('h2', { class: 'status__title', text: content.title }),
        content.body && h('p', { class: 'status__body' }, richText(content.body)),
        content.action &&
          h('button', {
            class: 'button button--primary',
            text: content.action.label,
            on: { click: content.action.run },
          }),
      ),
    );
  }
}
