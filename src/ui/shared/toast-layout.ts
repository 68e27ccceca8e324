/**
 * @file ToastLayout, <omamori-toast>'s controller: which toasts show and until when
 * (toast-plan.ts), and where. A toast holding the keyboard focus (Undo, Reload) waits for it to
 * leave. While a toast is shown the page is padded by its height at the end (`--om-toast-space`,
 * global.css), so the end of every screen can be scrolled clear of it. What a toast must not cover is read from
 * the page, through open shadow roots: every element marked `data-toast-avoid` (each QR code's
 * `<svg>`, from renderQrSvg), every action row (`.actions`, the buttons a screen offers next,
 * such as a form's Add/Cancel or the next scanned code's Add) and the focused control. The
 * arithmetic is in toast-place.ts. Loaded with the first toast: the start-up path never needs it.
 */
import type { ReactiveController } from 'lit';
import type { Toast } from './toast-bus';
import type { OmamoriToast } from './omamori-toast';
import { planToasts } from './toast-plan';
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

/** A phone: one passing toast at a time (the stack's width is set in omamori-toast.ts's CSS). */
const PHONE = '(max-width: 480px)';
/** Screens change under a toast (a form closes, a QR code appears): its place is checked this often. */
const RECHECK_MS = 300;

/** The focused control, through open shadow roots; none when it is the body or inside a toast. */
function deepActiveElement(): Element | undefined {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement && el.localName !== 'omamori-toast') el = el.shadowRoot.activeElement;
  return el && el !== document.body && el !== document.documentElement && el.localName !== 'omamori-toast' ? el : undefined;
}

/*
 * Times here are performance.now(), not Date.now(): a toast's few seconds must pass even when the
 * wall clock jumps or stands still (a clock correction; the e2e suites' fixed clocks, under which
 * Date-based toasts never went away).
 */
export class ToastLayout implements ReactiveController {
  readonly #host: OmamoriToast;
  readonly #shownAt = new Map<number, number>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #recheck: ReturnType<typeof setInterval> | undefined;
  #frame = 0;
  readonly #phone = matchMedia(PHONE);
  readonly #resize = new ResizeObserver(() => this.#schedulePlace());
  readonly #onViewport = (): void => this.#schedulePlace();
  readonly #onPhoneChange = (): void => this.#host.requestUpdate();

  constructor(host: OmamoriToast) {
    this.#host = host;
    host.addController(this);
    host.requestUpdate();
  }

  hostConnected(): void {
    addEventListener('scroll', this.#onViewport, { capture: true, passive: true });
    addEventListener('resize', this.#onViewport);
    this.#phone.addEventListener('change', this.#onPhoneChange);
  }

  hostDisconnected(): void {
    removeEventListener('scroll', this.#onViewport, { capture: true });
    removeEventListener('resize', this.#onViewport);
    this.#phone.removeEventListener('change', this.#onPhoneChange);
    this.#resize.disconnect();
    clearTimeout(this.#timer);
    clearInterval(this.#recheck);
    this.#recheck = undefined;
    cancelAnimationFrame(this.#frame);
    document.documentElement.style.removeProperty('--om-toast-space');
  }

  #plan() {
    return planToasts(this.#host.toasts, this.#shownAt, performance.now(), this.#phone.matches ? 1 : 3);
  }

  shown(): readonly Toast[] {
    return this.#plan().shown;
  }

  forget(id: number): void {
    this.#shownAt.delete(id);
  }

  hostUpdated(): void {
    const { shown, due } = this.#plan();
    const now = performance.now();
    for (const toast of shown) if (!this.#shownAt.has(toast.id)) this.#shownAt.set(toast.id, now);
    for (const id of this.#shownAt.keys()) if (!this.#host.toasts.some((t) => t.id === id)) this.#shownAt.delete(id);
    this.#arm(due);
    const stack = this.#stack();
    if (stack) this.#resize.observe(stack);
    this.#place();
    if (shown.length > 0 && this.#recheck === undefined) this.#recheck = setInterval(() => this.#place(), RECHECK_MS);
    if (shown.length === 0) {
      clearInterval(this.#recheck);
      this.#recheck = undefined;
    }
  }

  #stack(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('.stack');
  }

  /** One timer, for the next toast due; a toast holding the keyboard focus waits for it to leave (focusout re-renders). */
  #arm(due: ReadonlyMap<number, number>): void {
    clearTimeout(this.#timer);
    const focused = this.#focused();
    const times = [...due].filter(([id]) => !focused.has(id)).map(([, at]) => at);
    if (times.length === 0) return;
    this.#timer = setTimeout(
      () => {
        const held = this.#focused();
        for (const [id, at] of this.#plan().due) if (at <= performance.now() && !held.has(id)) this.#host.dismiss(id);
        // If nothing went (the focus moved into the toast meanwhile), this re-arms for the rest.
        this.#host.requestUpdate();
      },
      Math.max(0, Math.min(...times) - performance.now()),
    );
  }

  #focused(): Set<number> {
    return new Set([...this.#host.renderRoot.querySelectorAll<HTMLElement>('.toast:focus-within')].map((el) => Number(el.dataset.id)));
  }

  #schedulePlace(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#place());
  }

  /** Moves the stack clear of what it must not cover, and reserves its height at the page's end. */
  #place(): void {
    const stack = this.#stack();
    const root = document.documentElement.style;
    if (!stack || stack.childElementCount === 0) {
      root.removeProperty('--om-toast-space');
      // Empty, it goes back to its default place: left where the last toast was, an empty box
      // sized for the new width could reach past the screen's edge after a rotation or resize.
      stack?.classList.remove('placed');
      stack?.style.removeProperty('left');
      stack?.style.removeProperty('top');
      return;
    }
    stack.classList.add('placed');
    setIfChanged(root, '--om-toast-space', `${layOutToasts(this.#host, stack, deepActiveElement())}px`);
  }
}
