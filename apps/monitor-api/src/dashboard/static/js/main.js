// The dashboard: a hash router over three views (overview, group, topic), the cluster picker and
// the access-token prompt. `window.__dashboard` exposes what the page received for automated checks.
import { adoptTokenFromUrl, ApiError, getJson, setToken, token } from './api.js';
import { ago, el } from './format.js';
import { renderGroup } from './views/group.js';
import { renderOverview } from './views/overview.js';
import { renderTopic } from './views/topic.js';

const view = document.getElementById('view');
const authBox = document.getElementById('auth');
const clusterSelect = document.getElementById('cluster');
const sweep = document.getElementById('sweep');
const CLUSTER_KEY = 'monitor-api.cluster_id';

const debug = {
  view: null,
  groups: [],
  liveFrames: [],
  errors: [],
  onError(error) {
    debug.errors.push({ status: error.status, message: error.message });
    if (error.status === 401 || error.status === 403) showTokenPrompt(error);
    else showError(error);
  },
};
window.__dashboard = debug;

let dispose = () => undefined;
let clusters = [];

function showTokenPrompt(error) {
  view.replaceChildren();
  const input = el('input', { type: 'password', placeholder: 'bearer token (JWT with monitor:read, or a read token)', 'aria-label': 'access token', value: token() ?? '' });
  authBox.replaceChildren(el('div', { class: 'banner warn', id: 'auth-prompt' },
    el('strong', {}, error.status === 403 ? 'Not allowed.' : 'Sign-in needed.'), error.message,
    el('form', { class: 'token-form', onsubmit: (e) => { e.preventDefault(); setToken(input.value.trim()); authBox.replaceChildren(); void start(); } }, input, el('button', {}, 'Use token'))));
}

function showError(error) {
  authBox.replaceChildren(el('div', { class: 'banner crit', id: 'error' }, el('strong', {}, error instanceof ApiError ? `HTTP ${error.status}` : 'Error'), error.message));
}

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const clusterId = params.get('cluster_id') || clusterSelect.value || sessionStorage.getItem(CLUSTER_KEY) || clusters[0]?.cluster_id || 'local';
  if (clusterSelect.value !== clusterId && [...clusterSelect.options].some((o) => o.value === clusterId)) clusterSelect.value = clusterId;
  dispose();
  authBox.replaceChildren();
  debug.liveFrames = [];
  const context = { clusterId, params, debug };
  if (parts[0] === 'groups' && parts[1]) {
    debug.view = 'group';
    dispose = renderGroup(view, { ...context, groupId: parts[1] });
  } else if (parts[0] === 'topics' && parts[1]) {
    debug.view = 'topic';
    dispose = renderTopic(view, { ...context, topic: parts[1] });
  } else {
    debug.view = 'overview';
    dispose = renderOverview(view, context);
  }
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', debug.view === 'overview'));
}

async function loadClusters() {
  const body = await getJson('/clusters');
  clusters = body.clusters;
  const chosen = clusterSelect.value || sessionStorage.getItem(CLUSTER_KEY) || body.default_cluster_id;
  clusterSelect.replaceChildren(...clusters.map((c) => el('option', { value: c.cluster_id, selected: c.cluster_id === chosen }, `${c.cluster_id} (${c.kind})`)));
  const current = clusters.find((c) => c.cluster_id === clusterSelect.value) ?? clusters[0];
  sweep.textContent = current ? `last sweep ${ago(current.last_sweep_at)}${current.last_error ? ` · ${current.last_error}` : ''}` : '';
}

async function start() {
  try {
    await loadClusters();
  } catch (error) {
    debug.onError(error);
    if (error.status === 401 || error.status === 403) return;
  }
  route();
}

clusterSelect.addEventListener('change', () => {
  sessionStorage.setItem(CLUSTER_KEY, clusterSelect.value);
  location.hash = '#/';
  route();
});
window.addEventListener('hashchange', route);
setInterval(() => loadClusters().catch(() => undefined), 15_000);
adoptTokenFromUrl();
void start();
