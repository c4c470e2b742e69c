/**
 * Synthetic policy graphs of any size in the real data model, for the client bench
 * (bench/client.ts) and the 10k-node browser test (tests/client/scale.browser.test.ts).
 *
 * One generator, two outputs of the same graph:
 * - `json`: what GET /api/graph answers for it, built by the server's own buildGraph (node attributes
 *   with label, name, degree, measures, size, x/y; edge keys and `spans` pairs exactly as served),
 *   placed at seeded random positions in one cluster per document;
 * - `statements`: the parameterised Cypher (UNWIND over batches of rows; labels and relationship
 *   types come from fixed lists, never from data) that writes it into Neo4j in the shape the ingest
 *   writes (cypher/migrations/, README "The graph"), so the server reads it back like real data.
 *
 * Documents (one per ~1000 nodes) hold top-level sections (一、…) and subsections (（一）…), sections
 * hold measures; measures MENTION entities (mostly of their own document, some shared across
 * documents, a few very popular), some are ASSIGNED_TO institutions; entities are LOCATED_IN cities,
 * cities PART_OF a few regions; each document IMPLEMENTS a policy and is SIGNED_BY institutions.
 * Measure texts contain the names they mention, and each MENTIONS carries the spans of the name in
 * the text, so the details panel marks them as it does for real documents.
 *
 * Deterministic: the same options give the same graph, byte for byte. Node and edge counts are exact
 * (`edges` defaults to 3 × `nodes`). Every key starts with `${prefix}/`, so a graph is removed by
 * prefix (removeSyntheticGraph) without touching anything else.
 */
import { createHash } from 'node:crypto';
import { ENTITY_LABELS } from '../model/graph';
import { toSimplified } from '../ingest/opencc';
import type { EntityLabel } from '../ingest/types';
import type { Connection } from '../store/connection';
import type { GraphResponse } from '../model/api';
import { serializeGraph, type NodeRow } from '../server/graph/graph';
import type { Position } from '../server/graph/layout';
import type { Json } from '../store/values';

export interface SyntheticOptions {
  nodes: number;
  /** Default 3 × nodes. */
  edges?: number;
  seed?: number;
  /** Every node key starts with `${prefix}/`; documents are `${prefix}/d1`, `${prefix}/d2`, … */
  prefix?: string;
}

export interface CypherStatement {
  cypher: string;
  params: { rows: Record<string, unknown>[] };
}

export interface SyntheticGraph {
  prefix: string;
  /** The graph as the server's projection returns it (server/graph/graph.ts NodeRow). */
  rows: NodeRow[];
  /** The graph as GET /api/graph serves it. */
  json: GraphResponse;
  counts: { nodes: number; edges: number; labels: Record<string, number>; types: Record<string, number> };
  /** A well-connected entity of the first document, to search for. */
  sample: { key: string; name: string; nameEn: string; label: EntityLabel };
}

type NodeLabel = 'Document' | 'Section' | 'Measure' | EntityLabel;
type RelType =
  | 'HAS_SECTION'
  | 'HAS_MEASURE'
  | 'MENTIONS'
  | 'ASSIGNED_TO'
  | 'LOCATED_IN'
  | 'PART_OF'
  | 'IMPLEMENTS'
  | 'SIGNED_BY';

interface Node {
  key: string;
  label: NodeLabel;
  props: { [key: string]: Json };
  position: Position;
  /** Entities: the document whose cluster they belong to (-1: shared, cities). */
  home: number;
}

interface Edge {
  source: string;
  target: string;
  type: RelType;
  props: { [key: string]: Json };
}

/** mulberry32: small, fast, good enough for layouts and choices, and the same on every platform. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const TOPICS = [
  '跨界基礎設施建設及通關便利化',
  '科技創新合作',
  '金融合作',
  '青年發展',
  '醫療衛生合作',
  '文化旅遊合作',
  '營商環境建設',
  '生態環境保護',
];
const PLACES: [string, string][] = [
  ['前海', 'Qianhai'],
  ['南沙', 'Nansha'],
  ['橫琴', 'Hengqin'],
  ['河套', 'Hetao'],
  ['蛇口', 'Shekou'],
  ['福田', 'Futian'],
  ['羅湖', 'Luohu'],
  ['番禺', 'Panyu'],
  ['順德', 'Shunde'],
  ['東莞', 'Dongguan'],
  ['中山', 'Zhongshan'],
  ['江門', 'Jiangmen'],
  ['肇慶', 'Zhaoqing'],
  ['惠州', 'Huizhou'],
  ['佛山', 'Foshan'],
  ['沙田', 'Sha Tin'],
  ['元朗', 'Yuen Long'],
  ['屯門', 'Tuen Mun'],
  ['荃灣', 'Tsuen Wan'],
  ['九龍', 'Kowloon'],
  ['觀塘', 'Kwun Tong'],
  ['黃埔', 'Huangpu'],
  ['海珠', 'Haizhu'],
  ['天河', 'Tianhe'],
  ['白雲', 'Baiyun'],
  ['寶安', "Bao'an"],
  ['龍崗', 'Longgang'],
  ['光明', 'Guangming'],
  ['坪山', 'Pingshan'],
  ['香洲', 'Xiangzhou'],
  ['斗門', 'Doumen'],
  ['金灣', 'Jinwan'],
];
const FIELDS: [string, string][] = [
  ['科技', 'Technology'],
  ['創新', 'Innovation'],
  ['金融', 'Finance'],
  ['數碼', 'Digital'],
  ['青年', 'Youth'],
  ['海洋', 'Marine'],
  ['生物', 'Bioscience'],
  ['醫藥', 'Medicine'],
  ['航運', 'Shipping'],
  ['物流', 'Logistics'],
  ['綠色', 'Green'],
  ['智慧', 'Smart'],
  ['文化', 'Culture'],
  ['旅遊', 'Tourism'],
  ['貿易', 'Trade'],
  ['人才', 'Talent'],
  ['教育', 'Education'],
  ['法律', 'Legal'],
  ['檢測', 'Testing'],
  ['低碳', 'Low-Carbon'],
  ['數據', 'Data'],
  ['跨境', 'Cross-Border'],
  ['先進製造', 'Advanced Manufacturing'],
  ['服務業', 'Services'],
];
const HEADS: Record<EntityLabel, [string, string][]> = {
  City: [
    ['市', 'City'],
    ['區', 'District'],
  ],
  Port: [
    ['口岸', 'Port'],
    ['港', 'Harbour'],
    ['碼頭', 'Pier'],
  ],
  Infrastructure: [
    ['大橋', 'Bridge'],
    ['高速公路', 'Expressway'],
    ['鐵路', 'Railway'],
    ['隧道', 'Tunnel'],
  ],
  Institution: [
    ['研究院', 'Research Institute'],
    ['中心', 'Centre'],
    ['實驗室', 'Laboratory'],
    ['大學', 'University'],
    ['委員會', 'Committee'],
    ['協會', 'Association'],
  ],
  Policy: [
    ['合作安排', 'Cooperation Arrangement'],
    ['實施方案', 'Implementation Plan'],
    ['管理辦法', 'Administrative Measures'],
    ['框架協議', 'Framework Agreement'],
  ],
  Zone: [
    ['合作區', 'Cooperation Zone'],
    ['示範區', 'Demonstration Zone'],
    ['產業園', 'Industrial Park'],
    ['基地', 'Base'],
    ['走廊', 'Corridor'],
  ],
  Program: [
    ['計劃', 'Programme'],
    ['基金', 'Fund'],
    ['專項', 'Special Project'],
  ],
  Event: [
    ['論壇', 'Forum'],
    ['博覽會', 'Expo'],
    ['大賽', 'Competition'],
    ['交流周', 'Exchange Week'],
  ],
};
/** Share of the non-city entities per type (cities are a fixed 3 %). */
const TYPE_WEIGHTS: [EntityLabel, number][] = [
  ['Port', 8],
  ['Institution', 30],
  ['Policy', 18],
  ['Zone', 16],
  ['Program', 14],
  ['Event', 14],
];
const ACTIONS = ['推進', '支持', '研究', '爭取', '落實', '完善', '深化', '加快'];
const TAILS = ['建設', '合作', '發展', '工作', '對接', '交流'];

const round = (n: number) => Math.round(n * 100) / 100;

/** n split into `parts` near-equal whole parts, the larger ones first. */
function split(n: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));
}

export function syntheticGraph(options: SyntheticOptions): SyntheticGraph {
  const { nodes: total, seed = 1, prefix = `synthetic-${total}` } = options;
  const edgeTotal = options.edges ?? 3 * total;
  if (!Number.isInteger(total) || total < 100) throw new Error('a synthetic graph needs at least 100 nodes');
  if (!/^[\w.-]+$/.test(prefix)) throw new Error(`prefix "${prefix}": letters, digits, . _ - only`);
  const rand = random(seed);
  const gauss = () => {
    const u = Math.max(rand(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

  const documentCount = Math.min(60, Math.max(1, Math.round(total / 1000)));
  const sectionCount = Math.max(documentCount * 2, Math.round(total * 0.04));
  const measureCount = Math.max(documentCount, Math.round(total * 0.46));
  const entityCount = total - documentCount - sectionCount - measureCount;
  const cityCount = Math.max(4, Math.round(entityCount * 0.03));

  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const byKey = new Map<string, Node>();
  const add = (node: Node) => {
    nodes.push(node);
    byKey.set(node.key, node);
    return node;
  };
  const link = (source: string, type: RelType, target: string, props: { [key: string]: Json } = {}) =>
    edges.push({ source, target, type, props });

  // Documents: cluster centres on a golden-angle spiral.
  const documents = Array.from({ length: documentCount }, (_, d) => {
    const key = `${prefix}/d${d + 1}`;
    const angle = d * 2.399963;
    const radius = 520 * Math.sqrt(d);
    const year = 2019 + (d % 6);
    return add({
      key,
      label: 'Document',
      home: d,
      position: { x: round(radius * Math.cos(angle)), y: round(radius * Math.sin(angle)) },
      props: {
        key,
        title: `${year}年粵港澳合作重點工作（第${d + 1}號）`,
        year,
        date: `${year}-${String((d % 12) + 1).padStart(2, '0')}-15`,
        issuer: ['廣東省人民政府', '香港特別行政區政府'],
        source: `${prefix}-d${d + 1}.txt`,
        sha256: createHash('sha256').update(key).digest('hex'),
        script: 'traditional',
      },
    });
  });
  const near = (centre: Position, spread: number): Position => ({
    x: round(centre.x + gauss() * spread),
    y: round(centre.y + gauss() * spread),
  });

  // Sections: up to eight top-level ones per document, the rest subsections under them.
  const leavesOf: Node[][] = documents.map(() => []);
  split(sectionCount, documentCount).forEach((count, d) => {
    const doc = documents[d]!;
    const top = Math.min(count, TOPICS.length);
    const tops: Node[] = [];
    const children: Node[][] = [];
    for (let i = 0; i < count; i++) {
      const level = i < top ? 1 : 2;
      const parent = level === 1 ? null : tops[(i - top) % top]!;
      const siblings = parent ? children[tops.indexOf(parent)]! : tops;
      const number = level === 1 ? NUMERALS[i]! : `（${NUMERALS[siblings.length % 10]}）`;
      const key = `${doc.key}/s${i + 1}`;
      const topic = TOPICS[(parent ? tops.indexOf(parent) : i) % TOPICS.length]!;
      const section = add({
        key,
        label: 'Section',
        home: d,
        position: near(parent?.position ?? doc.position, parent ? 50 : 110),
        props: {
          key,
          number,
          title: level === 1 ? topic : `${topic}（${siblings.length + 1}）`,
          level,
          ordinal: i + 1,
          document: doc.key,
          span: [i * 400, i * 400 + 20],
        },
      });
      link(parent?.key ?? doc.key, 'HAS_SECTION', key);
      if (level === 1) {
        tops.push(section);
        children.push([]);
      } else children[tops.indexOf(parent!)]!.push(section);
    }
    tops.forEach((s, i) => leavesOf[d]!.push(...(children[i]!.length ? children[i]! : [s])));
  });

  // Entities: cities shared by all, the rest in their document's cluster.
  const names = new Set<string>();
  const entityName = (label: EntityLabel): [string, string] => {
    for (let attempt = 0; ; attempt++) {
      const [place, placeEn] = pick(PLACES);
      const [field, fieldEn] = pick(FIELDS);
      const [head, headEn] = pick(HEADS[label]);
      let name: string;
      let nameEn: string;
      if (label === 'City') {
        const [second, secondEn] = pick(PLACES);
        [name, nameEn] =
          attempt < 20
            ? [place + head, `${placeEn} ${headEn}`]
            : [place + second + head, `${placeEn} ${secondEn} ${headEn}`];
      } else if (attempt < 20) [name, nameEn] = [place + field + head, `${placeEn} ${fieldEn} ${headEn}`];
      else {
        const [more, moreEn] = pick(FIELDS);
        [name, nameEn] = [place + field + more + head, `${placeEn} ${fieldEn} ${moreEn} ${headEn}`];
      }
      // Past the combinations (only at sizes far beyond 50k), a number makes the name unique.
      if (attempt >= 100) [name, nameEn] = [`${name}${attempt}`, `${nameEn} ${attempt}`];
      if (names.has(name)) continue;
      names.add(name);
      return [name, nameEn];
    }
  };
  const nonCity = entityCount - cityCount;
  const weightSum = TYPE_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  const labels: EntityLabel[] = Array.from({ length: cityCount }, () => 'City' as const);
  let assigned = 0;
  TYPE_WEIGHTS.forEach(([label, weight], i) => {
    const n = i === TYPE_WEIGHTS.length - 1 ? nonCity - assigned : Math.round((nonCity * weight) / weightSum);
    for (let k = 0; k < n; k++) labels.push(label);
    assigned += n;
  });
  // Interleave the types, so each document's cluster holds every type.
  const typed = labels.slice(cityCount).map((label) => ({ label, order: rand() }));
  typed.sort((a, b) => a.order - b.order);
  const entities = [...labels.slice(0, cityCount), ...typed.map((t) => t.label)].map((label, i) => {
    const key = `${prefix}/e${i + 1}`;
    const [name, nameEn] = entityName(label);
    const home = i < cityCount ? -1 : Math.floor(((i - cityCount) * documentCount) / nonCity);
    const centre = home < 0 ? { x: 0, y: 0 } : documents[home]!.position;
    const simplified = toSimplified(name);
    return add({
      key,
      label,
      home,
      position: near(centre, home < 0 ? 300 : 150),
      props: {
        key,
        name,
        aliases: [...new Set([name, simplified, nameEn])],
        nameEn,
        curated: rand() < 0.3,
      },
    });
  });
  const cities = entities.slice(0, cityCount);
  const regions = cities.slice(0, 3);
  const pool = documents.map(() => [] as Node[]);
  for (const entity of entities) if (entity.home >= 0) pool[entity.home]!.push(entity);
  const skewed = <T>(list: readonly T[], power: number): T =>
    list[Math.floor(list.length * Math.pow(rand(), power))]!;

  // Places: cities are part of a region, a share of the rest located in a city.
  for (const city of cities.slice(regions.length)) link(city.key, 'PART_OF', skewed(regions, 1).key);
  for (const entity of entities.slice(cityCount))
    if (rand() < 0.4) link(entity.key, 'LOCATED_IN', skewed(cities, 2).key);
  // Documents implement a policy and are signed by two institutions.
  const institutions = entities.filter((e) => e.label === 'Institution');
  for (const doc of documents) {
    const policies = pool[doc.home]!.filter((e) => e.label === 'Policy');
    if (policies.length) link(doc.key, 'IMPLEMENTS', policies[0]!.key);
    const signatories = institutions.slice(doc.home % institutions.length).slice(0, 2);
    for (const institution of signatories) link(doc.key, 'SIGNED_BY', institution.key);
  }

  // Measures: spread over their document's leaf sections, in order.
  const measureDocs = split(measureCount, documentCount);
  const measures: Node[] = [];
  measureDocs.forEach((count, d) => {
    const leaves = leavesOf[d]!;
    for (let i = 0; i < count; i++) {
      const section = leaves[Math.floor((i * leaves.length) / count)]!;
      const key = `${documents[d]!.key}/m${i + 1}`;
      measures.push(
        add({
          key,
          label: 'Measure',
          home: d,
          position: near(section.position, 45),
          props: { key, number: String(i + 1), ordinal: i + 1, document: documents[d]!.key },
        }),
      );
      link(section.key, 'HAS_MEASURE', key);
    }
  });
  // Units: some measures are assigned to an institution of their document (or any), most as lead.
  const localInstitutions = pool.map((list) => list.filter((e) => e.label === 'Institution'));
  const assignments: Edge[] = [];
  for (const measure of measures) {
    if (rand() >= 0.3) continue;
    const local = localInstitutions[measure.home]!;
    const unit = local.length ? skewed(local, 2) : skewed(institutions, 2);
    if (unit)
      assignments.push({
        source: measure.key,
        target: unit.key,
        type: 'ASSIGNED_TO',
        props: { lead: rand() < 0.7 },
      });
  }

  // Mentions: every non-city entity at least once (from its own document), then the rest.
  const mentionTotal = edgeTotal - edges.length - assignments.length;
  const mentioned = new Map<string, Node[]>(measures.map((m) => [m.key, []]));
  const firstOfDoc = measureDocs.map((_, d) => measureDocs.slice(0, d).reduce((a, b) => a + b, 0));
  const mention = (measure: Node, entity: Node) => mentioned.get(measure.key)!.push(entity);
  const has = (measure: Node, entity: Node) => mentioned.get(measure.key)!.includes(entity);
  entities.slice(cityCount).forEach((entity, i) => {
    const d = entity.home;
    mention(measures[firstOfDoc[d]! + (i % measureDocs[d]!)]!, entity);
  });
  const remaining = mentionTotal - (entityCount - cityCount);
  if (remaining < 0 || mentionTotal > measureCount * entityCount)
    throw new Error(`${edgeTotal} edges do not fit ${total} nodes of this model`);
  split(remaining, measureCount).forEach((extra, i) => {
    const measure = measures[i]!;
    for (let k = 0; k < extra; k++) {
      let entity: Node | null = null;
      for (let attempt = 0; attempt < 30 && (!entity || has(measure, entity)); attempt++)
        entity =
          rand() < 0.8 && pool[measure.home]!.length ? skewed(pool[measure.home]!, 1.6) : skewed(entities, 3);
      if (!entity || has(measure, entity)) entity = entities.find((e) => !has(measure, e))!;
      mention(measure, entity);
    }
  });

  // Measure texts name what they mention, and the mentions point at the names.
  for (const measure of measures) {
    const targets = mentioned.get(measure.key)!;
    let text = '';
    const spans: number[][] = [];
    targets.forEach((entity, i) => {
      const name = String(entity.props.name);
      const quoted = entity.label === 'Policy';
      text += `${i ? '，' : ''}${pick(ACTIONS)}${quoted ? '《' : ''}`;
      spans.push([text.length, text.length + name.length]);
      text += `${name}${quoted ? '》' : ''}${pick(TAILS)}`;
    });
    text += '。';
    Object.assign(measure.props, {
      text,
      textAlt: toSimplified(text),
      span: [Number(measure.props.ordinal) * 100, Number(measure.props.ordinal) * 100 + text.length],
      actions: [...new Set(text.split('，').map((clause) => clause.slice(0, 2)))],
    });
    targets.forEach((entity, i) =>
      link(measure.key, 'MENTIONS', entity.key, { spans: spans[i]!, surface: [String(entity.props.name)] }),
    );
  }
  edges.push(...assignments);
  if (edges.length !== edgeTotal || nodes.length !== total)
    throw new Error(`generated ${nodes.length}/${edges.length}, wanted ${total}/${edgeTotal}`);

  // The server's projection of every node (degree, measures, section, outgoing edges), then its JSON.
  const out = new Map<string, NodeRow['out']>(nodes.map((n) => [n.key, []]));
  const degree = new Map<string, number>(nodes.map((n) => [n.key, 0]));
  const touching = new Map<string, Set<string>>();
  const sectionOf = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const { source, target, type, props } of edges) {
    out.get(source)!.push({ type, target, properties: props });
    degree.set(source, degree.get(source)! + 1);
    degree.set(target, degree.get(target)! + 1);
    if (type === 'MENTIONS' || type === 'ASSIGNED_TO')
      touching.set(target, (touching.get(target) ?? new Set()).add(source));
    if (type === 'HAS_MEASURE') sectionOf.set(target, source);
    if (type === 'HAS_SECTION') children.set(source, [...(children.get(source) ?? []), target]);
  }
  const measuresUnder = (section: string): number =>
    (out.get(section) ?? []).filter((e) => e.type === 'HAS_MEASURE').length +
    (children.get(section) ?? []).reduce((sum, child) => sum + measuresUnder(child), 0);
  const rows: NodeRow[] = nodes.map((node) => ({
    key: node.key,
    labels: ENTITY_LABELS.includes(node.label as EntityLabel) ? ['Entity', node.label] : [node.label],
    properties: node.props,
    degree: degree.get(node.key)!,
    measures:
      node.label === 'Measure'
        ? 1
        : node.label === 'Document'
          ? measureDocs[node.home]!
          : node.label === 'Section'
            ? measuresUnder(node.key)
            : (touching.get(node.key)?.size ?? 0),
    section: node.label === 'Measure' ? sectionOf.get(node.key)! : null,
    out: out.get(node.key)!,
  }));
  const positions = new Map(nodes.map((n) => [n.key, n.position]));
  const json = serializeGraph(rows, { version: `${prefix}-${seed}`, positions }, { filters: {} });

  const count = <T>(list: T[], of: (item: T) => string) => {
    const counts: Record<string, number> = {};
    for (const item of list) counts[of(item)] = (counts[of(item)] ?? 0) + 1;
    return counts;
  };
  const firstDoc = rows.filter((r) => r.labels[0] === 'Entity' && byKey.get(r.key)!.home === 0);
  const best = firstDoc.reduce((a, b) => (b.measures > a.measures ? b : a), firstDoc[0]!);
  const sample = byKey.get(best.key)!;
  return {
    prefix,
    rows,
    json,
    counts: {
      nodes: nodes.length,
      edges: edges.length,
      labels: count(nodes, (n) => n.label),
      types: count(edges, (e) => e.type),
    },
    sample: {
      key: sample.key,
      name: String(sample.props.name),
      nameEn: String(sample.props.nameEn),
      label: sample.label as EntityLabel,
    },
  };
}

/** Which labels each relationship type joins, for index seeks on both ends. */
const ENDS: Record<RelType, [string, string][]> = {
  HAS_SECTION: [
    ['Document', 'Section'],
    ['Section', 'Section'],
  ],
  HAS_MEASURE: [['Section', 'Measure']],
  MENTIONS: [['Measure', 'Entity']],
  ASSIGNED_TO: [['Measure', 'Entity']],
  LOCATED_IN: [['Entity', 'Entity']],
  PART_OF: [['Entity', 'Entity']],
  IMPLEMENTS: [['Document', 'Entity']],
  SIGNED_BY: [['Document', 'Entity']],
};

/**
 * The Cypher that writes `graph` into Neo4j: nodes per label, then relationships per type and end
 * labels, `batchSize` rows per statement. Fixed text per (label | type); the data are parameters.
 */
export function syntheticStatements(graph: SyntheticGraph, batchSize = 2000): CypherStatement[] {
  const statements: CypherStatement[] = [];
  const batches = (cypher: string, rows: Record<string, unknown>[]) => {
    for (let i = 0; i < rows.length; i += batchSize)
      statements.push({ cypher, params: { rows: rows.slice(i, i + batchSize) } });
  };
  const labelOf = new Map(graph.rows.map((r) => [r.key, r.labels.join(':')]));
  const nodeLabels = [...new Set(labelOf.values())];
  for (const labels of nodeLabels) {
    if (
      !/^(Document|Section|Measure|Entity:(City|Port|Infrastructure|Institution|Policy|Zone|Program|Event))$/.test(
        labels,
      )
    )
      throw new Error(`unexpected labels ${labels}`);
    batches(
      `UNWIND $rows AS row CREATE (n:${labels}) SET n = row`,
      graph.rows.filter((r) => labelOf.get(r.key) === labels).map((r) => r.properties),
    );
  }
  const first = (labels: string) => labels.split(':')[0]!;
  for (const [type, ends] of Object.entries(ENDS) as [RelType, [string, string][]][]) {
    for (const [from, to] of ends) {
      const rows = graph.rows.flatMap((r) =>
        first(labelOf.get(r.key)!) !== from
          ? []
          : r.out
              .filter((e) => e.type === type && first(labelOf.get(e.target)!) === to)
              .map((e) => ({ from: r.key, to: e.target, props: e.properties })),
      );
      batches(
        `UNWIND $rows AS row MATCH (a:${from} {key: row.from}) MATCH (b:${to} {key: row.to}) ` +
          `CREATE (a)-[r:${type}]->(b) SET r = row.props`,
        rows,
      );
    }
  }
  return statements;
}

/** Writes `graph` into Neo4j, one write transaction per statement; the schema must be applied. */
export async function loadSyntheticGraph(
  connection: Connection,
  graph: SyntheticGraph,
  batchSize = 2000,
): Promise<void> {
  const session = connection.driver.session({ database: connection.database });
  try {
    for (const { cypher, params } of syntheticStatements(graph, batchSize))
      await session.executeWrite((tx) => tx.run(cypher, params), { timeout: 120_000 });
  } finally {
    await session.close();
  }
}

/** Removes every node whose key starts with `${prefix}/`, with its relationships; returns how many. */
export async function removeSyntheticGraph(connection: Connection, prefix: string): Promise<number> {
  const session = connection.driver.session({ database: connection.database });
  try {
    const result = await session.run(
      `MATCH (n) WHERE n.key STARTS WITH $start
       CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS`,
      { start: `${prefix}/` },
    );
    return result.summary.counters.updates().nodesDeleted;
  } finally {
    await session.close();
  }
}
