// Formatting and small DOM helpers shared by the views.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en');

/** Offsets: exact below 100k, compact above; `—` for unknown (null is never shown as 0). */
export function count(n) {
  if (n === null || n === undefined) return '—';
  return Math.abs(n) < 100_000 ? whole.format(n) : compact.format(n);
}

const UNITS = [[86_400, 'd'], [3600, 'h'], [60, 'min'], [1, 's']];

/** A time span in its two largest units, zeros left out: `850 ms`, `4.2 s`, `5 min`, `2 h 5 min`, `7 d`. */
export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  let rest = Math.round(s);
  const parts = [];
  for (const [size, unit] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.slice(0, 2).join(' ');
}

export function percent(ratio) {
  if (ratio === null || ratio === undefined) return '—';
  return `${(ratio * 100).toFixed(ratio === 1 || ratio === 0 ? 0 : 1)}%`;
}

export function fixed(n, digits = 2) {
  return n === null || n === undefined ? '—' : n.toFixed(digits);
}

export function clock(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function ago(iso) {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`;
}

const STATE_TONE = { Stable: 'ok', PreparingRebalance: 'warn', CompletingRebalance: 'warn', Empty: 'muted', Dead: 'crit', Unknown: 'muted' };
const TONE = { OK: 'ok', WARN: 'warn', ERR: 'crit', STOP: 'crit', STALL: 'crit', REWIND: 'crit', healthy: 'ok', warning: 'warn', critical: 'crit', info: 'info', firing: 'crit', resolved: 'ok' };

export function tone(value) {
  return STATE_TONE[value] ?? TONE[value] ?? 'muted';
}

export function pill(value, label = value) {
  return el('span', { class: `pill ${tone(value)}`, 'data-value': value }, label ?? '—');
}

export function healthDot(health) {
  return el('span', { class: `dot ${tone(health)}`, title: health ?? 'unknown' });
}

/** The tone of an SLO compliance figure against its minimum. */
export function sloTone(ratio, minimum = 0.95) {
  if (ratio === null || ratio === undefined) return 'muted';
  return ratio >= minimum ? 'ok' : ratio >= minimum * 0.8 ? 'warn' : 'crit';
}

export function bar(ratio, toneName) {
  const width = ratio === null || ratio === undefined ? 0 : Math.max(0, Math.min(1, ratio)) * 100;
  return el('div', { class: `bar ${toneName}` }, el('span', { style: `width:${width}%` }));
}

export function card(label, value, { tone: toneName = '', hint = '', id } = {}) {
  return el('div', { class: `card ${toneName}`, 'data-card': id }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value), hint ? el('div', { class: 'hint' }, hint) : null);
}

export function groupHref(groupId, clusterId) {
  return `#/groups/${encodeURIComponent(groupId)}?cluster_id=${encodeURIComponent(clusterId)}`;
}

export function topicHref(topic, clusterId) {
  return `#/topics/${encodeURIComponent(topic)}?cluster_id=${encodeURIComponent(clusterId)}`;
}
