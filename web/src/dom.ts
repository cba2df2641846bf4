/**
 * DOM helpers: elements are built from text only (nothing from the service is ever parsed as markup),
 * and every text they write, visible or read aloud, goes through the French typography.
 */
import { frenchTypography } from './french-typography.js';

export type Child = Node | string | number | null | undefined | false | readonly Child[];
export type AttrValue = string | number | boolean | null | undefined | ((event: Event) => void);
export type Attrs = Record<string, AttrValue>;

export const SVG_NS = 'http://www.w3.org/2000/svg';
/** Attributes that hold text for the reader (the others hold ids, dates, classes…). */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'aria-valuetext', 'aria-roledescription', 'placeholder', 'data-label']);

/** Sets the text of an element, in French typography. */
export function setText(el: Element, text: string): void {
  el.textContent = frenchTypography(text);
}

export function append(el: Element, children: Child): void {
  if (children === null || children === undefined || children === false) return;
  if (Array.isArray(children)) {
    for (const child of children as readonly Child[]) append(el, child);
    return;
  }
  el.appendChild(
    typeof children === 'string' || typeof children === 'number' ? document.createTextNode(frenchTypography(String(children))) : (children as Node),
  );
}

export function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = frenchTypography(String(value));
    else if (TEXT_ATTRIBUTES.has(key)) el.setAttribute(key, frenchTypography(String(value)));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

/** An HTML element with its attributes (`text` sets the text, `on…` adds a listener) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, children?: Child): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children ?? null);
  return el;
}

/** An SVG element, likewise. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs?: Attrs | null, children?: Child): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children ?? null);
  return el;
}

/** The element of the page with this id (the page always has it). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}
