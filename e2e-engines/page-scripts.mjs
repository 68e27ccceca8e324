/**
 * Functions that run inside the page, the same in every engine. They are sent as source text
 * (WebDriver executes a function body; puppeteer takes a function) and find elements by test id
 * through open shadow roots, because the app is made of Lit elements and neither WebDriver
 * classic nor BiDi pierces shadow DOM the same way.
 */

/** Every element with data-testid=`id` (document order, through open shadow roots); visible ones only. */
export function deepAll(id, scopeId) {
  const all = (root, test, out = []) => {
    for (const el of root.querySelectorAll('*')) {
      if (test(el)) out.push(el);
      if (el.shadowRoot) all(el.shadowRoot, test, out);
    }
    return out;
  };
  const visible = (el) => el.getClientRects().length > 0;
  const scopes = scopeId ? all(document, (el) => el.dataset?.testid === scopeId && visible(el)) : [document];
  const found = [];
  for (const scope of scopes) {
    const roots = scope === document ? [document] : [scope, ...(scope.shadowRoot ? [scope.shadowRoot] : [])];
    for (const root of roots) for (const el of all(root, (e) => e.dataset?.testid === id && visible(e))) if (!found.includes(el)) found.push(el);
  }
  return found;
}

/** Each code card as { issuer, name, code } (the code without its grouping spaces), with the page's clock before and after reading. */
export function cards() {
  const inside = (card, el) => card.contains(el) || card.shadowRoot?.contains(el);
  const read = (card, id) => (deepAll(id, null).find((e) => inside(card, e))?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const before = Date.now();
  const list = deepAll('code-card', null).map((card) => ({
    issuer: read(card, 'issuer'),
    name: read(card, 'name'),
    code: read(card, 'code').replace(/ /g, ''),
  }));
  return { before, after: Date.now(), list };
}

/** Text of each match (whitespace collapsed), for assertions made in Node. */
export function deepTexts(id, scopeId) {
  return deepAll(id, scopeId).map((el) => (el.innerText ?? el.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** How far the page scrolls sideways (0 = no horizontal overflow), and the widest offender. */
export function overflowX() {
  const doc = document.documentElement;
  const width = doc.clientWidth;
  let worst = '';
  let right = width;
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > right + 1) {
        right = r.right;
        const host = el.getRootNode().host?.localName;
        const name = `${el.localName}${el.dataset?.testid ? `[data-testid=${el.dataset.testid}]` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
        worst = host ? `${host} › ${name}` : name;
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return { scroll: doc.scrollWidth - width, width, worst, right: Math.round(right) };
}

/** What the engine offers, for the README's table and for the journeys' "degrades with a reason" checks. */
export function features() {
  return {
    userAgent: navigator.userAgent,
    serviceWorker: 'serviceWorker' in navigator,
    publicKeyCredential: typeof window.PublicKeyCredential === 'function',
    getClientCapabilities: typeof window.PublicKeyCredential?.getClientCapabilities === 'function',
    storagePersist: typeof navigator.storage?.persist === 'function',
    share: typeof navigator.share === 'function',
    showSaveFilePicker: typeof window.showSaveFilePicker === 'function',
    getUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
    barcodeDetector: typeof window.BarcodeDetector === 'function',
    beforeInstallPrompt: 'onbeforeinstallprompt' in window,
  };
}
