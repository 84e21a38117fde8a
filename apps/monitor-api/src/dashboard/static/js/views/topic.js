// Topic detail: the topic's own info, governance insights, alerts, and the health of every group consuming it.
import { getJson } from '../api.js';
import { poll } from '../poll.js';
import { alertsTable } from '../alerts.js';
import { bar, card, count, duration, el, fixed, groupHref, percent, pill, sloTone } from '../format.js';

const REFRESH_MS = 10_000;

function healthTable(groups, clusterId) {
  if (groups.length === 0) return el('div', { class: 'empty' }, 'No consumer group reads this topic.');
  return el('table', { id: 'topic-groups-table' },
    el('thead', {}, el('tr', {},
      el('th', {}, 'Group'), el('th', {}, 'State'), el('th', {}, 'Health'), el('th', { class: 'num' }, 'Members'), el('th', { class: 'num' }, 'Total lag'),
      el('th', { class: 'num' }, 'Max time lag'), el('th', {}, 'SLO'), el('th', { class: 'num' }, 'Rebalance'), el('th', { class: 'num' }, 'Gini'), el('th', { class: 'num' }, 'Stuck'), el('th', {}, 'Recommendation'))),
    el('tbody', {}, groups.map((g) => {
      const min = g.thresholds?.slo_compliance_min ?? 0.95;
      return el('tr', { 'data-group': g.group_id },
        el('td', {}, el('a', { href: groupHref(g.group_id, clusterId) }, g.group_id)),
        el('td', {}, pill(g.state)),
        el('td', {}, pill(g.health)),
        el('td', { class: 'num' }, count(g.members_count)),
        el('td', { class: 'num' }, count(g.total_lag)),
        el('td', { class: 'num' }, duration(g.time_lag_max_ms)),
        el('td', {}, el('div', { title: percent(g.slo_compliance) }, percent(g.slo_compliance), bar(g.slo_compliance, sloTone(g.slo_compliance, min)))),
        el('td', { class: 'num' }, g.rebalance_score === null ? '—' : Math.round(g.rebalance_score)),
        el('td', { class: 'num' }, fixed(g.fairness_gini)),
        el('td', { class: 'num' }, g.stuck_count ? pill('ERR', String(g.stuck_count)) : '0'),
        el('td', { class: 'muted' }, g.recommendation ?? ''),
      );
    })));
}

export function renderTopic(root, { clusterId, topic, debug }) {
  const host = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  root.replaceChildren(el('p', {}, el('a', { href: '#/' }, '← all groups')), host);

  return poll(async (current) => {
    const detail = await getJson(`/topics/${encodeURIComponent(topic)}/detail`, { cluster_id: clusterId });
    if (!current()) return;
    debug.topic = detail;
    const { topic_info: info, insight_summary: insight } = detail;
    const overall = insight.overall_status;
    host.replaceChildren(
      el('h1', {}, topic, ' ', pill(overall), el('span', { class: 'sub' }, `cluster ${clusterId}`)),
      el('div', { class: `banner ${overall === 'healthy' ? 'ok' : overall === 'warning' ? 'warn' : 'crit'}`, id: 'insight' }, el('strong', {}, 'Governance insights'), insight.summary),
      el('section', { class: 'cards' },
        card('Consumer groups', count(insight.groups_count), { tone: 'info', id: 'groups' }),
        card('Coverage', percent(insight.coverage), { tone: insight.coverage >= 1 ? 'ok' : 'warn', hint: 'partitions some group consumes', id: 'coverage' }),
        card('Average SLO', percent(insight.avg_slo_compliance), { tone: sloTone(insight.avg_slo_compliance), id: 'avg-slo' }),
        card('Stuck partitions', count(insight.total_stuck_partitions), { tone: insight.total_stuck_partitions ? 'crit' : 'ok', id: 'stuck' }),
        card('Partitions', count(info.partitions), { hint: `replication ${info.replication_factor ?? '—'}`, id: 'partitions' }),
        card('Retention', info.retention_ms === null ? '—' : duration(info.retention_ms), { hint: `${count(info.retained_records)} records retained`, id: 'retention' }),
      ),
      el('section', { class: 'panel' }, el('div', { class: 'panel-head' }, el('h2', {}, 'Governance alerts'), el('span', { class: 'muted' }, `${detail.governance_alerts.length}`)), el('div', { class: 'table-wrap' }, alertsTable(detail.governance_alerts, clusterId, 'No governance alerts for this topic.'))),
      el('section', { class: 'panel' }, el('div', { class: 'panel-head' }, el('h2', {}, 'Consumer groups health')), el('div', { class: 'table-wrap' }, healthTable(detail.consumer_health, clusterId))),
    );
  }, REFRESH_MS, debug.onError);
}
