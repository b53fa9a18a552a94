// DOM helpers. Every piece of data reaches the page as a text node or an attribute value set through the DOM,
// never as markup: the page escapes all data it shows (http.md), and the CSP forbids inline styles and scripts.

// h('tag.class1.class2', {attr: value, onclick: fn}, child, ...): children are nodes, strings (text nodes),
// numbers, arrays of children, or null/undefined/false (skipped).
export function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2), value);
      } else if (key === 'class') {
        el.classList.add(...String(value).split(' ').filter(Boolean));
      } else if (key === 'value' && 'value' in el) {
        el.value = String(value);
      } else if (key === 'checked' || key === 'disabled' || key === 'selected') {
        el[key] = Boolean(value);
      } else if (key === 'dataset') {
        for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

// Money as the contract prints it: two decimals, no thousands separator; null → '—'.
export function money(v) {
  if (v === null || v === undefined || v === '') return '—';
  const n = Number(v);
  return Number.isFinite(n) ? n.toFixed(2) : String(v);
}

// A value of a reason: numbers keep up to two decimals, booleans and lists read plainly.
export function plain(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
  if (Array.isArray(v)) return v.map(plain).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// The masked form of an ID number (http.md): first 6 + 8 stars + last 4, x upper-cased.
export function maskId(id) {
  if (typeof id !== 'string' || id.length !== 18) return id || '';
  return (id.slice(0, 6) + '********' + id.slice(14)).toUpperCase();
}

export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function debounce(fn, ms) {
  let timer = null;
  const wrapped = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}

export function deepClone(v) {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

export function deepEqual(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
