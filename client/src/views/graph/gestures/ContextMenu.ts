/**
 * The node's menu: right-click on a node, or the Menu key / Shift-F10 with a node selected. Expand,
 * hide, pin or unpin, select the neighbours, show its measures in the measures table (an entity's
 * or unit's, a document's or section's, a measure itself: GET /api/measures?node=), copy its name. A menu in
 * the ARIA sense: focus on its first item, arrows and Home/End move, Enter runs, Escape or a click
 * outside closes it and gives focus back.
 */
import { h, mount } from '../../../components/dom';
import { t } from '../../../locales';
import type { GraphContext } from '../context';
import { displayLabel } from '../controllers/HighlightController';

export interface NodeMenuActions {
  expand(node: string): void;
  hide(node: string): void;
  togglePin(node: string): void;
  isPinned(node: string): boolean;
  selectNeighbours(node: string): void;
}

export class ContextMenu {
  readonly element = h('div', { class: 'node-menu', role: 'menu', hidden: true, tabindex: '-1' });
  private node: string | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(
    private readonly ctx: GraphContext,
    private readonly actions: NodeMenuActions,
  ) {
    const { sigma } = ctx;
    sigma.on('rightClickNode', ({ node, event }) => {
      (event.original as MouseEvent).preventDefault();
      this.open(node, event.x, event.y);
    });
    this.element.addEventListener('keydown', (event) => this.key(event));
    document.addEventListener('pointerdown', (event) => {
      if (this.node && !this.element.contains(event.target as Node)) this.close(false);
    });
    document.addEventListener('keydown', (event) => {
      if (this.node || !(event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey))) return;
      const selected = ctx.store.get().selected;
      if (!selected || !sigma.getContainer().isConnected || !sigma.getContainer().offsetParent) return;
      const data = sigma.getNodeDisplayData(selected);
      if (!data || data.hidden) return;
      event.preventDefault();
      const point = sigma.framedGraphToViewport(data);
      this.open(selected, point.x, point.y);
    });
  }

  get isOpen(): boolean {
    return this.node !== null;
  }

  open(node: string, x: number, y: number): void {
    const { graph } = this.ctx;
    if (!graph.hasNode(node)) return;
    this.returnFocus = document.activeElement as HTMLElement | null;
    this.node = node;
    const attributes = graph.getNodeAttributes(node);
    const name = displayLabel(attributes);
    const fullName = attributes.label === 'Measure' ? name : (attributes.name ?? attributes.title ?? name);
    const item = (action: string, label: string, run: () => void) =>
      h('button', {
        type: 'button',
        role: 'menuitem',
        tabindex: '-1',
        class: 'node-menu__item',
        dataset: { action },
        text: label,
        on: {
          click: () => {
            this.close();
            run();
          },
        },
      });
    mount(
      this.element,
      h('p', { class: 'node-menu__title', text: name }),
      item('expand', t('gestures.expand'), () => this.actions.expand(node)),
      item('hide', t('gestures.hide'), () => this.actions.hide(node)),
      item('pin', this.actions.isPinned(node) ? t('gestures.unpin') : t('gestures.pin'), () =>
        this.actions.togglePin(node),
      ),
      item('select-neighbours', t('gestures.selectNeighbours'), () => this.actions.selectNeighbours(node)),
      item('measures', t('gestures.showMeasures'), () =>
        this.ctx.store.update({ view: 'measures', measuresOf: node }),
      ),
      item('copy', t('gestures.copyName'), () => void this.copy(fullName)),
    );
    this.element.setAttribute('aria-label', t('gestures.menuFor', { name }));
    this.element.hidden = false;
    // Inside the canvas: flipped to the left or up where it would run off the edge.
    const container = this.ctx.sigma.getContainer();
    const { offsetWidth: width, offsetHeight: height } = this.element;
    const left = x + width > container.clientWidth ? Math.max(0, x - width) : x;
    const top = y + height > container.clientHeight ? Math.max(0, y - height) : y;
    this.element.style.left = `${container.offsetLeft + left}px`;
    this.element.style.top = `${container.offsetTop + top}px`;
    this.items()[0]?.focus();
  }

  close(restoreFocus = true): void {
    if (!this.node) return;
    this.node = null;
    this.element.hidden = true;
    if (restoreFocus && this.returnFocus?.isConnected) this.returnFocus.focus();
    this.returnFocus = null;
  }

  private items(): HTMLButtonElement[] {
    return [...this.element.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
  }

  private key(event: KeyboardEvent): void {
    const items = this.items();
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (event.key === 'Escape') this.close();
    else if (event.key === 'ArrowDown') go(index + 1);
    else if (event.key === 'ArrowUp') go(index - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(items.length - 1);
    else if (event.key === 'Tab') this.close();
    else return;
    event.preventDefault();
    // Escape here closes the menu only, not the selection too (main.ts clears it on Escape).
    event.stopPropagation();
  }

  private async copy(name: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(name);
      this.ctx.toast.show(t('gestures.copied', { name }));
    } catch {
      window.prompt(t('gestures.copyName'), name);
    }
  }
}
