/**
 * The views the header switches between: the graph, the overlap view and the Cypher console. The
 * graph view is built by main.ts; the other two are loaded on first use (CodeMirror stays out of the
 * first download) into a host element each. All views share the store, so a selection made in the
 * overlap view is the graph view's selection too.
 */
import { h } from '../components/dom';
import type { ViewId } from '../core/state/types';
import type { MountedView, ViewContext } from './types';

export type { MountedView, ViewContext };

export interface ViewEntry {
  id: ViewId;
  available: boolean;
  /** Builds the view (all but `graph`, which main.ts builds). */
  create?: (ctx: ViewContext) => Promise<MountedView>;
}

export const VIEWS: ViewEntry[] = [
  { id: 'graph', available: true },
  {
    id: 'measures',
    available: true,
    create: async (ctx) => new (await import('./measures/MeasuresView')).MeasuresView(ctx),
  },
  {
    id: 'compare',
    available: true,
    create: async (ctx) => new (await import('./compare/CompareView')).CompareView(ctx),
  },
  {
    id: 'overlaps',
    available: true,
    create: async (ctx) => new (await import('./overlaps/OverlapView')).OverlapView(ctx),
  },
  {
    id: 'cypher',
    available: true,
    create: async (ctx) => new (await import('./cypher/CypherConsole')).CypherConsole(ctx),
  },
  {
    id: 'documents',
    available: true,
    create: async (ctx) => new (await import('./documents/DocumentsView')).DocumentsView(ctx),
  },
];

export function availableView(id: ViewId): ViewId {
  return VIEWS.find((v) => v.id === id)?.available ? id : 'graph';
}

/**
 * The hosts of the views other than the graph, to put next to the graph view's element; shows the
 * current view and hides the others (the graph view only becomes invisible: sigma keeps its size).
 */
export function mountViews(ctx: ViewContext, graphElement: HTMLElement): HTMLElement[] {
  const hosts = new Map<
    ViewId,
    { element: HTMLElement; view: Promise<MountedView> | null; entry: ViewEntry }
  >();
  for (const entry of VIEWS)
    if (entry.create)
      hosts.set(entry.id, {
        entry,
        element: h('div', { class: 'view-host view--hidden', dataset: { viewHost: entry.id } }),
        view: null,
      });
  graphElement.dataset.viewHost = 'graph';

  const apply = (view: ViewId) => {
    graphElement.classList.toggle('view--hidden', view !== 'graph');
    graphElement.setAttribute('aria-hidden', String(view !== 'graph'));
    for (const [id, host] of hosts) {
      const active = id === view;
      host.element.classList.toggle('view--hidden', !active);
      if (!active) continue;
      if (!host.view) {
        host.view = host.entry.create!(ctx);
        host.view
          .then((mounted) => host.element.replaceChildren(mounted.element))
          .catch((error: unknown) => {
            host.view = null;
            ctx.toast.show(String(error), 'error');
          });
      }
      void host.view?.then((mounted) => mounted.show?.());
    }
  };
  ctx.store.subscribe((state, previous) => {
    if (state.view !== previous.view) apply(state.view);
  });
  apply(ctx.store.get().view);
  return [...hosts.values()].map((host) => host.element);
}
