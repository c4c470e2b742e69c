/**
 * EXPLAIN's and PROFILE's plan as a tree, the way Neo4j Browser lists it: each operator with its
 * details and estimated rows, and for PROFILE the rows it produced and its database hits; the root
 * line sums the hits. Children are indented under their parent (a join's two inputs side by side in
 * the list), so the plan reads top (results) to bottom (scans).
 */
import { h } from '../../components/dom';
import { t } from '../../locales';
import type { PlanJson } from '../../../../model/api';

const number = (n: number) => Math.round(n).toLocaleString('en-US');

export function totalDbHits(plan: PlanJson): number {
  return (plan.dbHits ?? 0) + plan.children.reduce((sum, child) => sum + totalDbHits(child), 0);
}

function operatorItem(plan: PlanJson, profiled: boolean): HTMLElement {
  const stats = [
    plan.estimatedRows === null ? null : t('cypher.planEstimated', { n: number(plan.estimatedRows) }),
    profiled && plan.rows !== undefined ? t('cypher.planRows', { n: number(plan.rows) }) : null,
    profiled && plan.dbHits !== undefined ? t('cypher.planDbHits', { n: number(plan.dbHits) }) : null,
  ].filter((s): s is string => s !== null);
  return h(
    'li',
    { class: 'plan__item' },
    h(
      'div',
      { class: 'plan__operator', dataset: { operator: plan.operator } },
      h('strong', { class: 'plan__name', text: plan.operator }),
      plan.details ? h('code', { class: 'plan__details', text: plan.details }) : null,
      h(
        'span',
        { class: 'plan__stats' },
        stats.map((s) => h('span', { class: 'plan__stat', text: s })),
      ),
    ),
    plan.children.length
      ? h(
          'ul',
          { class: 'plan__children' },
          plan.children.map((child) => operatorItem(child, profiled)),
        )
      : null,
  );
}

export function planTree(plan: PlanJson, mode: 'explain' | 'profile' | 'run'): HTMLElement {
  const profiled = mode === 'profile';
  return h(
    'div',
    { class: 'plan', dataset: { mode } },
    h('p', {
      class: 'plan__summary muted',
      text: profiled
        ? t('cypher.planProfiled', { hits: number(totalDbHits(plan)) })
        : t('cypher.planExplained'),
    }),
    h('ul', { class: 'plan__tree' }, operatorItem(plan, profiled)),
  );
}
