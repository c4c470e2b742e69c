/**
 * What a node is called and how big it is drawn, the same in the export, the API, the console and
 * the explorer: an entity's name, a document's or section's title, `三（一）16. 支持兩地保險機構合作開發跨境…`
 * for a measure (`2020·三（一）16. …` when its plan has a year).
 */
import type { Json } from './json';

/** Characters of a measure's text in its name. */
export const MEASURE_NAME_LENGTH = 24;

/** `16. 支持兩地…`: the number as printed and the start of the text, `…` only when it was cut. */
export function measureName(number: string, text: string): string {
  const cut = text.length > MEASURE_NAME_LENGTH ? `${text.slice(0, MEASURE_NAME_LENGTH)}…` : text;
  return `${number}. ${cut}`;
}

/**
 * How a measure is referred to: its reference, unique in its document (`三（一）16`), or, for a
 * measure loaded before references existed, its number as printed.
 */
export function measureReference(properties: { reference?: Json; number?: Json }): string {
  const reference = properties.reference ?? properties.number;
  return reference === null || reference === undefined ? '' : String(reference);
}

/**
 * A measure among many plans: its plan's year and its reference, `2020·三（一）16`; the reference alone
 * when the plan has no year (or the measure was loaded before measures carried one).
 */
export function measureLabel(properties: { reference?: Json; number?: Json; year?: Json }): string {
  const reference = measureReference(properties);
  return typeof properties.year === 'number' ? `${properties.year}·${reference}` : reference;
}

/** A node's name from its main label and properties; `key` when it has none. */
export function displayName(label: string, properties: { [key: string]: Json }, key: string): string {
  if (label === 'Measure') return measureName(measureLabel(properties), String(properties.text ?? ''));
  return String(properties.name ?? properties.title ?? key);
}

/**
 * A node's size on screen from the measures it stands for (touching an entity, under a section or
 * document, 1 for a measure). Measures and documents keep one size; sections hold many measures but
 * are scaffolding, so they stay small and entities' labels win the space.
 */
export function nodeSize(label: string, measures: number): number {
  if (label === 'Measure') return 3.5;
  if (label === 'Document') return 14;
  const size =
    label === 'Section'
      ? Math.min(10, 3 + 1.2 * Math.sqrt(measures))
      : Math.min(24, 4 + 2.6 * Math.sqrt(measures));
  return Math.round(size * 100) / 100;
}

const CHINESE_NUMBER = /^[〇一二三四五六七八九十百零]+$/u;

/**
 * A section as breadcrumbs show it, numbered as such plans print it: `三、促進現代服務業合作`,
 * `（一）金融業合作`, `1. 總體要求`; an unnumbered heading is its title.
 */
export function sectionLabel(section: { number?: Json; level?: Json; title?: Json }): string {
  const number = String(section.number ?? '');
  const title = String(section.title ?? '');
  if (!number) return title;
  if (CHINESE_NUMBER.test(number))
    return Number(section.level ?? 1) <= 1 ? `${number}、${title}` : `（${number}）${title}`;
  if (/^\d+$/.test(number)) return `${number}. ${title}`;
  return `${number} ${title}`.trim();
}

/** A plan among plans: `2020 實施《粵港合作框架協議》2020 年重點工作`; its title (or key) alone without a year. */
export function planName(plan: { key?: Json; title?: Json; year?: Json }): string {
  const title = String(plan.title || plan.key || '');
  return typeof plan.year === 'number' ? `${plan.year} ${title}` : title;
}
