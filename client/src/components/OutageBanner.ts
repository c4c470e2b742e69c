/**
 * A banner across the top while the server or Neo4j is down (core/api/outage.ts), saying the page
 * will reconnect by itself; on the way back it says so briefly and lets the views reload.
 */
import { outage } from '../core/api/client';
import { t } from '../locales';
import { h } from './dom';
import type { Toast } from './Toast';

export class OutageBanner {
  readonly element = h('div', { class: 'outage', role: 'alert', hidden: true });

  constructor(toast: Toast, onRecovered: () => void) {
    outage.subscribe((down) => {
      this.element.hidden = !down;
      this.element.textContent = down ? t('outage.down') : '';
      if (!down) {
        toast.show(t('outage.back'));
        onRecovered();
      }
    });
  }
}
