/**
 * The demo page: subscribes to one job (`?job=<id>`, optional `&access_token=<jwt>`) with the
 * browser's own EventSource and renders each event as it arrives. EventSource only dispatches
 * named events that have a listener, so the page listens for the stage names in `?stages=`
 * (a default list otherwise) plus `reset`. Everything received is also kept in
 * `window.__events` so an automated browser can check it.
 */
export const DEMO_STAGES = ['queued', 'started', 'thinking', 'retrieving', 'generating', 'token', 'progress', 'error', 'failed', 'done'];

export const DEMO_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>event-router demo</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; max-width: 60rem; }
  form { display: flex; gap: .5rem; margin-bottom: 1rem; }
  input { flex: 1; padding: .3rem; }
  #status { font-weight: bold; margin-bottom: .5rem; }
  #answer { white-space: pre-wrap; background: #eef6ee; padding: .5rem; display: none; }
  table { border-collapse: collapse; width: 100%; }
  td, th { border-bottom: 1px solid #ddd; padding: .2rem .4rem; text-align: left; vertical-align: top; }
  td.data { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
  progress { width: 100%; }
</style>
</head>
<body>
<h1>event-router demo</h1>
<form id="form">
  <input id="job" name="job" placeholder="job id" required>
  <input id="token" name="access_token" placeholder="access token (not needed with SSE_AUTH_DISABLED=true)">
  <button>Subscribe</button>
</form>
<div id="status">not subscribed</div>
<progress id="progress" max="100" value="0"></progress>
<div id="answer"></div>
<table><thead><tr><th>id</th><th>event</th><th>data</th></tr></thead><tbody id="events"></tbody></table>
<script>
(function () {
  var params = new URLSearchParams(location.search);
  var stages = (params.get('stages') || ${JSON.stringify(DEMO_STAGES.join(','))}).split(',').filter(Boolean);
  var job = params.get('job');
  var token = params.get('access_token');
  var statusEl = document.getElementById('status');
  var rows = document.getElementById('events');
  window.__events = [];
  window.__resets = 0;
  window.__opens = 0;
  document.getElementById('job').value = job || '';
  document.getElementById('token').value = token || '';
  if (!job) return;

  var url = '/events/jobs/' + encodeURIComponent(job) + (token ? '?access_token=' + encodeURIComponent(token) : '');
  var source = new EventSource(url);
  window.__source = source;
  source.onopen = function () { window.__opens++; statusEl.textContent = 'connected to job ' + job; };
  source.onerror = function () { statusEl.textContent = source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting...'; };

  function render(event) {
    // EventSource's own connection errors are also named 'error'; only messages carry data.
    if (typeof event.data !== 'string') return;
    var data;
    try { data = JSON.parse(event.data); } catch (e) { data = event.data; }
    window.__events.push({ id: event.lastEventId, event: event.type, data: data });
    var row = document.createElement('tr');
    [event.lastEventId, event.type, event.data].forEach(function (text, i) {
      var cell = document.createElement('td');
      if (i === 2) cell.className = 'data';
      cell.textContent = text;
      row.appendChild(cell);
    });
    rows.appendChild(row);
    if (data && typeof data.progress === 'number') document.getElementById('progress').value = data.progress;
    if (event.type === 'done') {
      source.close();
      statusEl.textContent = 'job finished';
      var answer = document.getElementById('answer');
      answer.style.display = 'block';
      answer.textContent = (data && data.result && data.result.answer) || '(no answer)';
    }
  }
  stages.forEach(function (stage) { source.addEventListener(stage, render); });
  source.addEventListener('reset', function (event) {
    window.__resets++;
    window.__events = [];
    rows.textContent = '';
    statusEl.textContent = 'history was trimmed; showing what is still retained';
  });
})();
</script>
</body>
</html>
`;
