/**
 * The part of the DOM the readers walk (linkedom's nodes, for HTML and for Word's XML), typed here
 * because the Node side compiles without the browser's DOM library.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  querySelector?(selector: string): DomElement | null;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function elementChildren(el: DomNode): DomElement[] {
  return Array.from(el.childNodes).filter((n): n is DomElement => n.nodeType === ELEMENT_NODE);
}
