/**
 * The little of the page's DOM that tests read inside `page.evaluate` (the tests' type check has no
 * DOM library): a test declares `declare const DOMParser: PageDomParser;` and parses a file the app
 * wrote, in the page.
 */
export interface PageElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}

export interface PageDocument {
  documentElement: PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
}

export type PageDomParser = new () => { parseFromString(text: string, type: string): PageDocument };
