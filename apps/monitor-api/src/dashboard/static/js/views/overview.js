// Cluster overview: groups by state, total lag, and the consumer group list with lag statistics.
import { alertsTable } from '../alerts.js';
import { getAll, getJson } from '../api.js';
import { poll } from '../poll.js';
import { card, count, el, groupHref, healthDot, pill, topicHref } from '../format.js';

const REFRESH_MS = 10_000;
const REBALANCING = new Set(['PreparingRebalance', 'CompletingRebalance']);

const COLUMNS = [
  { key: 'group_id', label: 'Group' },
  { key: 'state', label: 'State' },
  { key: 'members_count', label: 'Members', num: true },
  { key: 'topics', label: 'Topics', sort: (g) => g.topics.join(',') },
  { key: 'lag_p50', label: 'P50 lag', num: true },
  { key: 'lag_p95', label: 'P95 lag', num: true },
  { key: 'lag_max', label: 'Max lag', num: true },
  { key: 'total_lag', label: 'Total lag', num: true },
  { key: 'stuck_count', label: 'Stuck', num: true },
  { key: 'alerts', label: 'Alerts', num: true, sort: (g) => g.alerts },
];
const SEVERITY_HEALTH = { critical: 'critical', warning: 'warning', info: 'healthy' };

export function stateCounts(groups) {
  const counts = { stable: 0, rebalancing: 0, other: 0 };
  for (const g of groups) {
    if (g.state === 'Stable') counts.stable++;
    else if (REBALANCING.has(g.state)) counts.rebalancing++;
    else counts.other++;
  }
  return counts;
}

export function renderOverview(root, { clusterId, debug }) {
  let sort = { key: 'total_lag', asc: false };
  let filter = '';
  let groups = [];

  const cards = el('section', { class: 'cards', id: 'overview-cards' });
  const search = el('input', { type: 'search', placeholder: 'Filter groups or topics…', 'aria-label': 'filter', oninput: (e) => { filter = e.target.value.trim().toLowerCase(); drawTable(); } });
  const summary = el('span', { class: 'muted' });
  const tableHost = el('div', { class: 'table-wrap' });
  const alertsHost = el('div', { class: 'table-wrap' });
  const alertsCount = el('span', { class: 'muted' });
  root.replaceChildren(
    el('h1', {}, 'Cluster overview', el('span', { class: 'sub' }, clusterId)),
    cards,
    el('section', { class: 'panel' },
      el('div', { class: 'panel-head' }, el('h2', {}, 'Consumer groups'), summary),
      el('div', { class: 'toolbar' }, search),
      tableHost),
    el('section', { class: 'panel' }, el('div', { class: 'panel-head' }, el('h2', {}, 'Firing alerts'), alertsCount), alertsHost),
  );

  function drawCards() {
    const counts = stateCounts(groups);
    const totalLag = groups.reduce((sum, g) => sum + (g.total_lag ?? 0), 0);
    const stuck = groups.reduce((sum, g) => sum + (g.stuck_count ?? 0), 0);
    const erring = groups.filter((g) => g.status === 'ERR').length;
    cards.replaceChildren(
      card('Consumer groups', count(groups.length), { tone: 'info', id: 'groups' }),
      card('Stable', count(counts.stable), { tone: 'ok', id: 'stable' }),
      card('Rebalancing', count(counts.rebalancing), { tone: counts.rebalancing ? 'warn' : '', id: 'rebalancing' }),
      card('Other states', count(counts.other), { tone: '', hint: 'Empty, Dead, Unknown', id: 'other' }),
      card('Total lag', count(totalLag), { tone: 'info', hint: 'offsets, all groups', id: 'total-lag' }),
      card('Stuck partitions', count(stuck), { tone: stuck ? 'crit' : 'ok', hint: erring ? `${erring} group(s) in ERR` : 'none in ERR', id: 'stuck' }),
    );
  }

  function drawTable() {
    const visible = groups
      .filter((g) => !filter || g.group_id.toLowerCase().includes(filter) || g.topics.some((t) => t.toLowerCase().includes(filter)))
      .sort((a, b) => {
        const column = COLUMNS.find((c) => c.key === sort.key);
        const va = column.sort ? column.sort(a) : a[sort.key];
        const vb = column.sort ? column.sort(b) : b[sort.key];
        const order = va === vb ? 0 : va === null || va === undefined ? 1 : vb === null || vb === undefined ? -1 : va < vb ? -1 : 1;
        return (sort.asc ? order : -order) || a.group_id.localeCompare(b.group_id);
      });
    summary.textContent = `${visible.length} of ${groups.length}`;
    if (groups.length === 0) {
      tableHost.replaceChildren(el('div', { class: 'empty' }, 'No consumer groups seen in this cluster yet.'));
      return;
    }
    const head = el('tr', {}, COLUMNS.map((c) =>
      el('th', {
        class: ['sortable', c.num ? 'num' : '', sort.key === c.key ? 'sorted' : '', sort.key === c.key && sort.asc ? 'asc' : ''].join(' '),
        onclick: () => { sort = { key: c.key, asc: sort.key === c.key ? !sort.asc : !c.num }; drawTable(); },
      }, c.label)));
    const rows = visible.map((g) =>
      el('tr', { 'data-group': g.group_id },
        el('td', {}, healthDot(g.health), el('a', { href: groupHref(g.group_id, clusterId) }, g.group_id), g.source === 'redis' ? el('span', { class: 'muted' }, ' · stream') : null),
        el('td', {}, pill(g.state)),
        el('td', { class: 'num' }, count(g.members_count)),
        el('td', { class: 'tags' }, g.topics.map((t) => el('a', { href: topicHref(t, clusterId) }, t))),
        el('td', { class: 'num' }, count(g.lag_p50)),
        el('td', { class: 'num' }, count(g.lag_p95)),
        el('td', { class: 'num' }, count(g.lag_max)),
        el('td', { class: 'num', 'data-field': 'total_lag' }, el('strong', {}, count(g.total_lag))),
        el('td', { class: 'num' }, g.stuck_count ? pill('ERR', String(g.stuck_count)) : el('span', { class: 'muted' }, '0')),
        el('td', { class: 'num' }, g.alerts ? pill(g.health, String(g.alerts)) : el('span', { class: 'muted' }, '0')),
      ));
    tableHost.replaceChildren(el('table', { id: 'groups-table' }, el('thead', {}, head), el('tbody', {}, rows)));
  }

  return poll(async (current) => {
    const [list, alerts] = await Promise.all([getAll('/groups', { cluster_id: clusterId }), getJson('/alerts', { cluster_id: clusterId })]);
    if (!current()) return;
    // A group's dot: its worst firing alert, else its Burrow status.
    groups = list.map((g) => {
      const own = alerts.alerts.filter((a) => a.group_id === g.group_id && a.state === 'firing');
      const worst = own.some((a) => a.severity === 'critical') ? 'critical' : own.some((a) => a.severity === 'warning') ? 'warning' : own.length ? 'info' : null;
      return { ...g, alerts: own.length, health: worst ? SEVERITY_HEALTH[worst] : g.status === 'ERR' ? 'critical' : g.status === 'WARN' ? 'warning' : 'healthy' };
    });
    alertsCount.textContent = String(alerts.alerts.length);
    alertsHost.replaceChildren(alertsTable(alerts.alerts, clusterId, 'No firing alerts.'));
    debug.groups = groups.map((g) => g.group_id);
    drawCards();
    drawTable();
  }, REFRESH_MS, debug.onError);
}
