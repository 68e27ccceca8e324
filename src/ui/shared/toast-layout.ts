/**
 * @file Lays out <omamori-toast>'s stack on the page. What a toast must not cover is read from
 * the page, through open shadow roots: every element marked `data-toast-avoid` (each QR code's
 * `<svg>`, from renderQrSvg), every action row (`.actions`, the buttons a screen offers next,
 * such as a form's Add/Cancel or the next scanned code's Add) and the focused control. The
 * arithmetic is in toast-place.ts. Loaded with the first toast: the start-up path never needs it.
 */
import { CONTROL_WEIGHT, QR_WEIGHT, TOAST_MARGIN, placeToast, type Avoid } from './toast-place';

export const AVOID_ATTRIBUTE = 'data-toast-avoid';
const SELECTOR = `[${AVOID_ATTRIBUTE}], .actions`;

function collect(root: Document | ShadowRoot, out: Element[]): void {
  for (const el of root.querySelectorAll(SELECTOR)) out.push(el);
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot && el.localName !== 'omamori-toast') collect(el.shadowRoot, out);
}

function box(el: Element, weight: number): Avoid | undefined {
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return undefined;
  return { box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom }, weight };
}

/** Boxes in viewport coordinates; `focused` (outside the toast) with its action row, if any. */
export function avoidBoxes(focused: Element | undefined): Avoid[] {
  const found: Element[] = [];
  collect(document, found);
  if (focused) found.push(focused.closest('.actions') ?? focused);
  return [...new Set(found)].map((el) => box(el, el.hasAttribute(AVOID_ATTRIBUTE) ? QR_WEIGHT : CONTROL_WEIGHT)).filter((a): a is Avoid => a !== undefined);
}

/**
 * Moves `stack` (absolutely positioned in `host`, a fixed box over the safe area) clear of what
 * it must not cover; returns the space to reserve at the page's end.
 */
export function layOutToasts(host: HTMLElement, stack: HTMLElement, focused: Element | undefined): number {
  const frame = host.getBoundingClientRect();
  const avoid = avoidBoxes(focused).map(({ box, weight }) => ({
    weight,
    box: { left: box.left - frame.left, right: box.right - frame.left, top: box.top - frame.top, bottom: box.bottom - frame.top },
  }));
  const size = { width: stack.offsetWidth, height: stack.offsetHeight };
  const { left, top } = placeToast({ width: frame.width, height: frame.height }, size, avoid);
  // Only real moves touch the style: this runs on every scroll frame while a toast is shown.
  setIfChanged(stack.style, 'left', `${left}px`);
  setIfChanged(stack.style, 'top', `${top}px`);
  return size.height + 2 * TOAST_MARGIN;
}

export function setIfChanged(style: CSSStyleDeclaration, name: string, value: string): void {
  if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
}
