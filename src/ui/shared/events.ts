/**
 * @file The app's custom events, typed. Each element declares the events it fires next to itself,
 * in `HTMLElementEventMap` (`'form-closed': OmamoriEvent` or `'edit-account': OmamoriEvent<{ id:
 * string }>`), once per event name. `fire` sends only declared names with their declared detail,
 * bubbling and composed (they cross the shadow roots up to the app shell), and listeners added
 * with `addEventListener` get the declared type without casts.
 */

/** A custom event with its detail; `null` when it carries none. */
export type OmamoriEvent<D = null> = CustomEvent<D>;

type DetailOf<K extends keyof HTMLElementEventMap> = HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches the declared event `name` from `source` (with its detail, when it has one). */
export function fire<K extends keyof HTMLElementEventMap>(source: EventTarget, name: K, ...detail: DetailOf<K> extends null ? [] : [DetailOf<K>]): void {
  source.dispatchEvent(new CustomEvent(name, { detail: detail[0] ?? null, bubbles: true, composed: true }));
}
