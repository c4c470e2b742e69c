/** Short-lived notices (an export started, a link copied, neighbours added), announced to screen readers. */
import { h } from './dom';

export class Toast {
  readonly element = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' });
  private timer: ReturnType<typeof setTimeout> | undefined;

  show(message: string, kind: 'info' | 'error' = 'info', ms = 3500): void {
    clearTimeout(this.timer);
    this.element.textContent = message;
    this.element.className = `toast toast--visible toast--${kind}`;
    this.timer = setTimeout(() => (this.element.className = 'toast'), ms);
  }
}
