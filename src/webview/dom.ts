/**
 * Tiny helpers for incremental DOM updates: create elements once, then change only the text,
 * attributes and classes that differ. No innerHTML anywhere (CSP-friendly, no injection).
 */

export type Attrs = Record<string, string | number | boolean | undefined | null>;
export type Child = Node | string | null | undefined | false;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an element: `h(doc, 'button', { class: 'x', 'aria-label': '...' }, child...)`. */
export function h<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) setAttr(el, k, v);
  append(el, children);
  return el;
}

export function svg<K extends keyof SVGElementTagNameMap>(doc: Document, tag: K, attrs?: Attrs, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = doc.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  if (attrs) for (const [k, v] of Object.entries(attrs)) setAttr(el, k, v);
  append(el, children);
  return el;
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? el.ownerDocument.createTextNode(c) : c);
  }
}

/** A codicon: `<span class="codicon codicon-NAME" aria-hidden="true">`. */
export function icon(doc: Document, name: string, extra = ''): HTMLSpanElement {
  return h(doc, 'span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, 'aria-hidden': 'true' });
}

/** Sets the text only when it changed (keeps the text node, no layout work otherwise). */
export function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets, changes or (for false/null/undefined) removes an attribute, only when it differs. */
export function setAttr(el: Element, name: string, value: string | number | boolean | undefined | null): void {
  if (value === false || value === null || value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
    return;
  }
  const v = value === true ? '' : String(value);
  if (el.getAttribute(name) !== v) el.setAttribute(name, v);
}

export function toggleClass(el: Element, name: string, on: boolean): void {
  if (el.classList.contains(name) !== on) el.classList.toggle(name, on);
}

/** Replaces the one class of `el` that starts with `prefix` (e.g. `state-`, `pc-`). */
export function setClassWithPrefix(el: Element, prefix: string, value: string | null): void {
  const next = value === null ? null : `${prefix}${value}`;
  for (const c of [...el.classList]) if (c.startsWith(prefix) && c !== next) el.classList.remove(c);
  if (next && !el.classList.contains(next)) el.classList.add(next);
}

/** Sets a CSS custom property through the CSSOM (allowed by a strict CSP), only when it differs. */
export function setVar(el: HTMLElement | SVGElement, name: string, value: string): void {
  if (el.style.getPropertyValue(name) !== value) el.style.setProperty(name, value);
}

export function setHidden(el: HTMLElement, hidden: boolean): void {
  if (el.hidden !== hidden) el.hidden = hidden;
}

/** A component the keyed list can manage: one root node, updated in place. */
export interface Keyed<T> {
  readonly root: Element;
  update(item: T): void;
  /** Called when the item disappears, before its node is removed. */
  dispose?(): void;
}

/**
 * Keeps `container`'s children in step with `items`: one component per key, created once,
 * updated in place, moved only when the order changed, removed when its key disappears.
 */
export class KeyedList<T, C extends Keyed<T>> {
  private readonly byKey = new Map<string, C>();

  constructor(
    readonly container: Element,
    private readonly keyOf: (item: T) => string,
    private readonly create: (item: T) => C,
  ) {}

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): C | undefined {
    return this.byKey.get(key);
  }

  components(): IterableIterator<C> {
    return this.byKey.values();
  }

  sync(items: readonly T[]): void {
    const seen = new Set<string>();
    let cursor: ChildNode | null = this.container.firstChild;
    for (const item of items) {
      const key = this.keyOf(item);
      if (seen.has(key)) continue;
      seen.add(key);
      let c = this.byKey.get(key);
      if (!c) {
        c = this.create(item);
        this.byKey.set(key, c);
      }
      c.update(item);
      if (c.root === cursor) cursor = cursor.nextSibling;
      else this.container.insertBefore(c.root, cursor);
    }
    for (const [key, c] of this.byKey) {
      if (seen.has(key)) continue;
      this.byKey.delete(key);
      c.dispose?.();
      c.root.remove();
    }
  }
}

let idCounter = 0;
/** A document-unique id for aria-labelledby / aria-controls. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
