/**
 * The graph view: sigma over the one graphology graph, with its controllers (sigma-specific side
 * effects) and panels (filters and legend on the left, details on the right, toolbar over the canvas).
 * It loads the graph from /api/graph and says in words what went wrong when it cannot.
 */
import Sigma from 'sigma';
import { h, mount } from '../../components/dom';
import { StatusMessage } from '../../components/StatusMessage';
import type { Toast } from '../../components/Toast';
import { ApiFailure, api, type GraphResponse, type SearchHit } from '../../core/api/client';
import type { OverviewInfo } from '../../../../model/api';
import { corpus } from '../../core/api/corpus';
import { onceRetrying } from '../../core/once';
import { createGraph, loadGraph, mergeSerialized, type ExplorerGraph } from '../../core/graph/load';
import { isEntityLabel, type EdgeAttributes, type NodeAttributes } from '../../core/graph/schema';
import { FONT_STACK } from '../../core/graph/style';
import { DEFAULT_FILTERS } from '../../core/graph/visibility';
import type { Store } from '../../core/state/store';
import type { ExplorerState } from '../../core/state/types';
import { UndoHistory } from '../../core/state/undo';
import { t } from '../../locales';
import type { GraphContext } from './context';
import { CameraController } from './controllers/CameraController';
import { FilterController } from './controllers/FilterController';
import { HighlightController } from './controllers/HighlightController';
import { DENSITY_SETTINGS, LabelController } from './controllers/LabelController';
import { LayoutController } from './controllers/LayoutController';
import { PathController } from './controllers/PathController';
import { SelectionController } from './controllers/SelectionController';
import type { DetailsActions } from './details/parts';
import { DetailsPanel } from './panels/DetailsPanel';
import { FiltersPanel } from './panels/FiltersPanel';
import { GraphToolbar } from './panels/GraphToolbar';
import { LegendPanel } from './panels/LegendPanel';
import { PathPanel } from './panels/PathPanel';
import { NodeList } from './node-list/NodeList';
import { ContextMenu } from './gestures/ContextMenu';
import { exposeCanvas } from './gestures/inspect';
import { PinController } from './gestures/PinController';
import { ViewControls } from './gestures/ViewControls';
import { Appearance } from './stats/Appearance';
import { StatsPanel } from './stats/StatsPanel';
import { PerspectivesPanel } from './perspectives/PerspectivesPanel';
import { EDGE_PROGRAMS, NodeProgram } from './rendering/programs';
import { syncStyle } from './perspectives/style-sync';

interface Loaded {
  ctx: GraphContext;
  filters: FilterController;
  camera: CameraController;
  selection: SelectionController;
  layout: LayoutController;
  pins: PinController;
  path: PathController;
  history: UndoHistory;
}

/** Runs `task` once the next frame has been produced: from a frame callback, a task queued after it. */
function afterNextFrame(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task));
}

export class GraphView {
  readonly element: HTMLElement;
  private readonly left = h('div', { class: 'sidebar sidebar--left', id: 'graph-panels' });
  /** On a phone the panels start folded away under the graph; this opens and closes them. */
  private readonly panelsToggle = h('button', {
    type: 'button',
    class: 'panels-toggle',
    'aria-controls': 'graph-panels',
    'aria-expanded': 'false',
    text: t('panels.toggle'),
    on: { click: () => this.foldPanels(this.element.dataset.panels === 'open') },
  });
  private readonly right = h('div', { class: 'sidebar sidebar--right' });
  private readonly canvas = h('div', {
    class: 'stage__canvas',
    role: 'figure',
    'aria-label': t('view.graph'),
  });
  private readonly toolbarSlot = h('div', { class: 'stage__toolbar' });
  /** On a corpus, what the overview shows of it (server/graph/overview.ts). */
  private readonly overviewNote = h('p', { class: 'stage__overview', role: 'note', hidden: true });
  private readonly status = new StatusMessage();
  private readonly stage: HTMLElement;
  private loaded: Loaded | null = null;
  private failure: { title: string; body: string } | null = null;

  constructor(
    private readonly store: Store<ExplorerState>,
    private readonly toast: Toast,
    private readonly search: (text: string) => void,
  ) {
    this.stage = h(
      'div',
      { class: 'stage' },
      this.canvas,
      this.toolbarSlot,
      this.overviewNote,
      this.status.element,
    );
    this.element = h(
      'div',
      { class: 'graph-view', dataset: { panels: 'folded' } },
      this.panelsToggle,
      this.left,
      this.stage,
      this.right,
    );
    corpus.onChange(
      () =>
        void this.refresh().catch((error: unknown) => this.toast.show(this.describe(error).body, 'error')),
    );
    store.subscribe((state, previous) => {
      if (state.lang !== previous.lang) this.relabel();
    });
  }

  /** Folds the panels away (phones only: wider screens always show them) or opens them. */
  private foldPanels(fold: boolean): void {
    this.element.dataset.panels = fold ? 'folded' : 'open';
    this.panelsToggle.setAttribute('aria-expanded', String(!fold));
  }

  /**
   * `pending`: the /api/graph request when the page started it already (main.ts asks for the graph
   * before it builds the interface, so the two overlap); a retry asks again.
   */
  async load(pending?: Promise<GraphResponse>): Promise<void> {
    this.failure = null;
    this.status.show({ title: t('status.loading'), busy: true });
    let graph: ExplorerGraph;
    try {
      graph = loadGraph(await (pending ?? api.graph()));
    } catch (error) {
      this.failure = this.describe(error);
      return this.relabel();
    }
    try {
      this.start(graph);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Starting the view failed: say why in place of the graph (no WebGL has its own words). */
  private fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.failure = /webgl/i.test(message)
      ? { title: t('status.webglTitle'), body: t('status.webglBody', { message }) }
      : { title: t('status.errorTitle'), body: t('status.errorBody', { message }) };
    this.relabel();
  }

  /**
   * The corpus changed (documents added or removed): the graph's data is replaced in place, so sigma,
   * the controllers, the filters and the camera stay; a selection whose node is gone is cleared.
   */
  async refresh(): Promise<void> {
    if (!this.loaded) return this.load();
    const fresh = loadGraph(await api.graph());
    const { ctx, filters, pins } = this.loaded;
    ctx.graph.clear();
    ctx.graph.import(fresh);
    pins.apply();
    const { selected } = this.store.get();
    if (selected && !ctx.graph.hasNode(selected)) this.store.update({ selected: null });
    filters.recompute();
    this.relabel();
  }

  /** The server is back after an outage: load the graph again if it failed for lack of it. */
  recover(): void {
    if (this.failure && !this.loaded) void this.load();
  }

  private describe(error: unknown): { title: string; body: string } {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ApiFailure && error.kind === 'network')
      return { title: t('status.networkTitle'), body: t('status.networkBody', { message }) };
    if (error instanceof ApiFailure && error.kind === 'unavailable')
      return { title: t('status.unavailableTitle'), body: t('status.unavailableBody', { message }) };
    return { title: t('status.errorTitle'), body: t('status.errorBody', { message }) };
  }

  /** The status card for the current situation, in the current language. */
  private relabel(): void {
    this.canvas.setAttribute('aria-label', t('view.graph'));
    this.panelsToggle.textContent = t('panels.toggle');
    if (this.failure) {
      return this.status.show({
        ...this.failure,
        tone: 'error',
        action: { label: t('status.retry'), run: () => void this.load() },
      });
    }
    if (!this.loaded) return;
    const { ctx, filters } = this.loaded;
    const overview = ctx.graph.getAttribute('overview') as OverviewInfo | undefined;
    this.overviewNote.hidden = !overview;
    if (overview)
      this.overviewNote.textContent = t('graph.overview', {
        entities: overview.entities.toLocaleString(),
        totalEntities: overview.totalEntities.toLocaleString(),
        documents: overview.documents.toLocaleString(),
        totalDocuments: overview.totalDocuments.toLocaleString(),
      });
    if (ctx.graph.order === 0)
      return this.status.show({
        title: t('status.emptyTitle'),
        body: t('status.emptyBody'),
        action: { label: t('status.retry'), run: () => location.reload() },
      });
    if (filters.visible.size === 0)
      return this.status.show({
        title: t('status.filteredTitle'),
        body: t('status.filteredBody'),
        action: {
          label: t('filters.reset'),
          run: () => this.store.update({ filters: DEFAULT_FILTERS, ego: null, expanded: [] }),
        },
      });
    this.status.show(null);
  }

  private start(graph: ExplorerGraph): void {
    // sigma starts on an empty graph and gets the real one once the controllers below have set the
    // reducers that decide what shows: its constructor processes and draws the graph it is given at
    // once, so starting it on the real one processed a large graph twice (at 10k nodes, ~0.5 s).
    const sigma = new Sigma<NodeAttributes, EdgeAttributes>(createGraph(), this.canvas, {
      // Under sigma's default key, so its plain circle program is not compiled beside ours.
      defaultNodeType: 'circle',
      nodeProgramClasses: { circle: NodeProgram },
      edgeProgramClasses: EDGE_PROGRAMS,
      labelFont: FONT_STACK,
      labelSize: 13,
      labelWeight: '500',
      labelColor: { color: '#1f2933' },
      zIndex: true,
      minCameraRatio: 0.02,
      maxCameraRatio: 8,
      stagePadding: 40,
      ...DENSITY_SETTINGS[this.store.get().labelDensity],
    });
    const ctx: GraphContext = { graph, sigma, store: this.store, toast: this.toast };
    const filters = new FilterController(ctx);
    const camera = new CameraController(ctx);
    const selection = new SelectionController(ctx, camera);
    const layout = new LayoutController(ctx);
    const path = new PathController(ctx, filters, camera);
    new HighlightController(ctx, filters, path);
    new LabelController(ctx);
    const history = new UndoHistory(this.store);
    camera.onAsked(() => history.askCamera());
    const pins = new PinController(ctx, layout, history);
    sigma.setGraph(graph);
    this.loaded = { ctx, filters, camera, selection, layout, pins, path, history };
    filters.onChange(() => this.relabel());
    exposeCanvas(ctx);
    // Double-click expands the node's neighbours (sigma's default zooms in). Sigma calls any two
    // clicks within its timeout a double-click: on two different nodes the second is a click.
    sigma.on('doubleClickNode', ({ node, event, preventSigmaDefault }) => {
      preventSigmaDefault();
      if (selection.lastClicked === node) void this.expand(node);
      else selection.click(node, (event.original as MouseEvent).shiftKey);
    });
    const menu = new ContextMenu(ctx, {
      expand: (node) => void this.expand(node),
      hide: (node) => this.hide(node),
      togglePin: (node) => pins.toggle(node),
      isPinned: (node) => pins.isPinned(node),
      selectNeighbours: (node) => this.selectNeighbours(node),
    });
    this.stage.append(menu.element);
    // A new ego view (centre or depth) brings the camera onto it, labels included; an undo brings
    // back its own camera.
    this.store.subscribe((state, previous) => {
      if (!state.ego || state.ego === previous.ego || history.restoring) return;
      // Back to an ego view brings the camera it had (perspectives/ tests it).
      if (state.camera !== previous.camera) return;
      requestAnimationFrame(() => camera.fitWithLabels([...filters.visible]));
    });

    // Colour and size by attribute, and the graph's statistics (stats/).
    const appearance = new Appearance(ctx, filters);
    // Colour and size in the store, so links, Back, undo and saved views carry them (perspectives/).
    syncStyle(ctx, appearance);
    this.relabel();
    // `npm run bench:client` reads this mark as the time to first render: sigma draws the whole graph
    // in the next frame (its request came first), and a frame later that one has been painted.
    requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('explorer:graph-rendered')));
    // The panels are built once that frame is out, so the graph shows without waiting for them (their
    // layout and paint took a third of the first frame on the seed); `data-ready` then says all is
    // there.
    afterNextFrame(() => {
      try {
        this.mountPanels(this.loaded as Loaded, appearance);
        this.canvas.dataset.ready = 'true';
      } catch (error) {
        this.fail(error);
      }
    });

    // A link that names a node but no camera: bring the node into view (a path brings itself).
    const { selected, camera: view, ego, path: between } = this.store.get();
    if (!view && ego) requestAnimationFrame(() => camera.fitWithLabels([...filters.visible]));
    else if (!view && selected && !(between?.from && between.to)) selection.select(selected, { focus: true });
  }

  /**
   * The panels around the canvas: filters, path, legend, statistics and saved views on the left,
   * details on the right, the toolbar and the node list over the stage.
   */
  private mountPanels(loaded: Loaded, appearance: Appearance): void {
    const { ctx, filters, camera, selection, layout, pins, path, history } = loaded;
    const actions: DetailsActions = {
      select: (node) => selection.select(node, { focus: true }),
      expand: (node) => void this.expand(node),
      focus: (node) => this.focus(node),
      search: this.search,
    };
    mount(
      this.left,
      new FiltersPanel(ctx, filters).element,
      new PathPanel(ctx, path, selection).element,
      new LegendPanel(ctx, appearance).element,
      new StatsPanel(ctx, appearance).element,
      new PerspectivesPanel(ctx, history).element,
    );
    mount(this.right, new DetailsPanel(ctx, actions).element);
    const list = new NodeList(ctx, filters, selection);
    // The exports and their libraries (CSV, GEXF, image) load on first use, not with the page.
    const exporter = onceRetrying(() =>
      import('./controllers/ExportController').then(
        ({ ExportController }) => new ExportController(ctx, filters, appearance),
      ),
    );
    mount(
      this.toolbarSlot,
      new GraphToolbar(ctx, camera, layout, exporter, filters).element,
      new ViewControls(ctx, history, pins, [list.toggle]).element,
      list.element,
    );
  }

  /** A search result: select it and move to it, fetching it first if the loaded graph lacks it. */
  async reveal(hit: SearchHit): Promise<void> {
    if (!this.loaded) return;
    const { ctx, selection } = this.loaded;
    if (!ctx.graph.hasNode(hit.key) && isEntityLabel(hit.label)) {
      try {
        mergeSerialized(ctx.graph, await api.neighbors(hit.key, 1));
      } catch {
        // Reported just below as "not in the graph".
      }
    }
    if (!ctx.graph.hasNode(hit.key)) return this.toast.show(t('search.notInGraph'), 'error');
    selection.select(hit.key, { focus: true });
  }

  /** Escape: the selection first, then the path between two entities. */
  clearSelection(): void {
    const { selected, path } = this.store.get();
    if (selected) this.store.update({ selected: null });
    else if (path) this.store.update({ path: undefined });
  }

  /** Shows the node's neighbours whatever the filters say, fetching those the loaded graph lacks. */
  private async expand(node: string): Promise<void> {
    if (!this.loaded) return;
    const { ctx, filters, camera } = this.loaded;
    if (isEntityLabel(ctx.graph.getNodeAttribute(node, 'label'))) {
      try {
        mergeSerialized(ctx.graph, await api.neighbors(node, 1));
      } catch (error) {
        if (!(error instanceof ApiFailure && error.kind === 'not-found'))
          this.toast.show(t('status.expandFailed', { message: String(error) }), 'error');
      }
    }
    const hidden = ctx.graph.neighbors(node).filter((n) => !filters.visible.has(n));
    if (!hidden.length) return this.toast.show(t('entity.allShown'));
    this.store.update((s) => ({ expanded: [...new Set([...s.expanded, ...hidden])] }));
    this.toast.show(t('entity.expanded', { n: hidden.length }));
    camera.fitNodes([node, ...ctx.graph.neighbors(node)]);
  }

  /** Ego view around the node (keeping the depth if one is set); the camera follows (start()). */
  private focus(node: string): void {
    this.store.update((s) => ({ selected: node, ego: { center: node, depth: s.ego?.depth ?? 1 } }));
  }

  /** Hides the node from the view (the context menu); "Show hidden" and undo bring it back. */
  private hide(node: string): void {
    this.store.update((s) => ({
      hidden: [...new Set([...(s.hidden ?? []), node])],
      selected: s.selected === node ? null : s.selected,
      expanded: s.expanded.includes(node) ? s.expanded.filter((n) => n !== node) : s.expanded,
    }));
  }

  /** Selects the node and marks its visible neighbours as chosen with it. */
  private selectNeighbours(node: string): void {
    if (!this.loaded) return;
    const { ctx, filters } = this.loaded;
    const neighbours = ctx.graph.neighbors(node).filter((n) => filters.visible.has(n));
    this.store.update({ selected: node, picked: neighbours.length ? neighbours : undefined });
  }
}
