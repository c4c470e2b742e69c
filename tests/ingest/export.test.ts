import Graph from 'graphology';
import path from 'node:path';
import { exportGraph } from '../../ingest/export';
import { loadGazetteer } from '../../ingest/gazetteer/gazetteer';
import { runStages } from '../../ingest/pipeline';
import { readSource } from '../../ingest/source';
import type { Doc } from '../../ingest/types';

const ROOT = path.resolve(__dirname, '../..');
const SEED = path.join(ROOT, 'seeds/2020-guangdong-hong-kong-cooperation-work-plan.txt');
const UNITS = path.join(ROOT, 'tests/fixtures/documents/2019-guangdong-hong-kong-work-plan-units.md');
const ENTITY_LABELS = ['City', 'Port', 'Infrastructure', 'Institution', 'Policy', 'Zone', 'Program', 'Event'];
const EDGE_TYPES = [
  'HAS_SECTION',
  'HAS_MEASURE',
  'MENTIONS',
  'ASSIGNED_TO',
  'LOCATED_IN',
  'PART_OF',
  'IMPLEMENTS',
  'SIGNED_BY',
];
const gazetteer = loadGazetteer();

/** The export as a reader gets it: through JSON text (the --out file), then graphology. */
function loaded(docs: Doc[]): Graph {
  return Graph.from(JSON.parse(JSON.stringify(exportGraph(docs))));
}

function nodesLabelled(graph: Graph, label: string): string[] {
  return graph.filterNodes((_, a) => a.label === label);
}

describe('exportGraph of the seed', () => {
  let doc: Doc;
  let graph: Graph;

  beforeAll(async () => {
    doc = runStages(await readSource(SEED), gazetteer);
    graph = loaded([doc]);
  });

  it('loads with graphology Graph.from as a directed graph', () => {
    expect(graph.type).toBe('directed');
    expect(graph.order).toBeGreaterThan(57);
    expect(nodesLabelled(graph, 'Document')).toEqual([doc.meta.key]);
    expect(nodesLabelled(graph, 'Section')).toHaveLength(doc.sections.length);
    expect(nodesLabelled(graph, 'Measure')).toHaveLength(57);
  });

  it('gives every node a label, every entity its name and aliases', () => {
    graph.forEachNode((_, a) =>
      expect(['Document', 'Section', 'Measure', ...ENTITY_LABELS]).toContain(a.label),
    );
    const entities = graph.filterNodes((_, a) => ENTITY_LABELS.includes(a.label as string));
    expect(entities).toHaveLength(doc.entities!.length);
    for (const key of entities) {
      const a = graph.getNodeAttributes(key);
      expect(typeof a.name).toBe('string');
      expect(Array.isArray(a.aliases)).toBe(true);
      expect(a.aliases).toContain(a.name);
    }
  });

  it('gives measures their number, document and original text', () => {
    for (const m of doc.measures) {
      expect(graph.getNodeAttributes(m.key)).toMatchObject({
        number: m.number,
        document: doc.meta.key,
        text: m.text,
      });
    }
  });

  it('types every edge, and hangs each measure under exactly one section', () => {
    graph.forEachEdge((_, a) => expect(EDGE_TYPES).toContain(a.type));
    for (const m of doc.measures) {
      const parents = graph.filterInEdges(m.key, (_, a) => a.type === 'HAS_MEASURE');
      expect(parents).toHaveLength(1);
      expect(graph.source(parents[0]!)).toBe(m.sectionKey);
    }
  });

  it('MENTIONS spans are [start, end] pairs that slice the measure text to one of the edge’s surfaces', () => {
    const mentions = graph.filterEdges((_, a) => a.type === 'MENTIONS');
    expect(mentions.length).toBeGreaterThan(57);
    for (const edge of mentions) {
      const { spans, surface } = graph.getEdgeAttributes(edge) as { spans: number[][]; surface: string[] };
      const text = graph.getNodeAttribute(graph.source(edge), 'text') as string;
      expect(spans.length).toBeGreaterThan(0);
      for (const span of spans) {
        expect(span).toHaveLength(2);
        expect(surface).toContain(text.slice(span[0], span[1]));
      }
    }
  });

  it('links the bridge from measures 2, 16 and 51 only: the measures whose text names it', () => {
    const bridge = gazetteer.lookup('港珠澳大橋')!.key;
    expect(graph.getNodeAttribute(bridge, 'aliases')).toEqual(
      expect.arrayContaining(['港珠澳大橋', '港珠澳大桥']),
    );
    const numbers = graph
      .filterInEdges(bridge, (_, a) => a.type === 'MENTIONS')
      .map((e) => graph.getNodeAttributes(graph.source(e)))
      .sort((a, b) => (a.ordinal as number) - (b.ordinal as number))
      .map((a) => a.number);
    expect(numbers).toEqual(['2', '16', '51']);
    expect(numbers).toEqual(doc.measures.filter((m) => m.text.includes('港珠澳大橋')).map((m) => m.number));
  });

  it('has the document implement the framework agreement and be signed by the two governments', () => {
    const out = (type: string) =>
      graph.filterOutEdges(doc.meta.key, (_, a) => a.type === type).map((e) => graph.target(e));
    expect(out('IMPLEMENTS')).toEqual([gazetteer.lookup('粵港合作框架協議')!.key]);
    expect(out('SIGNED_BY')).toEqual([
      gazetteer.lookup('廣東省人民政府')!.key,
      gazetteer.lookup('香港特別行政區政府')!.key,
    ]);
  });
});

describe('exportGraph of two documents', () => {
  it('shares entity nodes and carries responsible units as ASSIGNED_TO edges with lead', async () => {
    const seed = runStages(await readSource(SEED), gazetteer);
    const units = runStages(await readSource(UNITS), gazetteer);
    const graph = loaded([seed, units]);
    expect(nodesLabelled(graph, 'Document').sort()).toEqual([seed.meta.key, units.meta.key].sort());
    const keys = new Set([...seed.entities!, ...units.entities!].map((e) => e.key));
    expect(graph.filterNodes((_, a) => ENTITY_LABELS.includes(a.label as string))).toHaveLength(keys.size);

    const assigned = graph.filterEdges((_, a) => a.type === 'ASSIGNED_TO');
    const expected = units.measures.flatMap((m) =>
      m.units!.map((u) => ({ measure: m.key, entity: u.entityKey!, lead: u.lead })),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(
      assigned.map((e) => ({
        measure: graph.source(e),
        entity: graph.target(e),
        lead: graph.getEdgeAttribute(e, 'lead'),
      })),
    ).toEqual(expected);
    for (const e of assigned) expect(graph.getNodeAttribute(graph.target(e), 'label')).toBe('Institution');
  });

  it('makes a unit named twice in a measure (as the lead, then among the partners) one assignment, the lead', async () => {
    const units = runStages(await readSource(UNITS), gazetteer);
    const measure = units.measures.find((m) => m.units?.some((u) => u.lead))!;
    const lead = measure.units!.find((u) => u.lead)!;
    measure.units!.push({ ...lead, lead: false });
    const graph = loaded([units]);
    const edges = graph.filterEdges(
      (_, a, source, target) =>
        a.type === 'ASSIGNED_TO' && source === measure.key && target === lead.entityKey,
    );
    expect(edges.map((e) => graph.getEdgeAttribute(e, 'lead'))).toEqual([true]);
  });
});
