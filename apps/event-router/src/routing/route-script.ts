/**
 * Routes a run of one source stream's entries, in source order, to their per-job / per-channel
 * streams, and announces each one, atomically.
 *
 * The shared consumer group hands neighbouring entries of a shard to different replicas, which
 * would then append them to a job's routed stream in whatever order their calls reach Redis. So
 * routing is not done per replica batch: a per-source-stream watermark records how far the
 * stream has been routed, and every call routes the run right after the watermark, compare-and-set
 * on its value. Whoever gets there first routes the entries of every replica's batches in stream
 * order; a caller that finds the watermark moved re-reads from the new one.
 *
 * Each routed entry keeps its source entry's id (the SSE cursor); an id at or below the routed
 * stream's last one is skipped, which makes a repeated run harmless.
 *
 * PUBLISH happens in the same script as XADD, so every subscriber hears a topic's entries in
 * stream order. The message is `id \n event \n data` (data is single-line JSON).
 *
 * KEYS[1] the watermark
 * ARGV: expected watermark ('' = none yet), new watermark, job MAXLEN, channel MAXLEN, job TTL s,
 *       then per entry: routed key, id, '1' for a job or '0' for a channel, event, data
 * Returns: { 'conflict', current watermark } or { 'ok', entries routed }
 */
export const ROUTE_RUN_SCRIPT = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return {'conflict', current} end
local function parse(s)
  local dash = string.find(s, '-', 1, true)
  return tonumber(string.sub(s, 1, dash - 1)), tonumber(string.sub(s, dash + 1))
end
local function after(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  if am ~= bm then return am > bm end
  return as > bs
end
local routed = 0
for i = 6, #ARGV, 5 do
  local key, id, isJob, event, data = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
  if #last == 0 or after(id, last[1][1]) then
    redis.call('XADD', key, 'MAXLEN', '~', isJob == '1' and ARGV[3] or ARGV[4], id, 'event', event, 'data', data)
    if isJob == '1' and tonumber(ARGV[5]) > 0 then redis.call('EXPIRE', key, ARGV[5]) end
    redis.call('PUBLISH', key, id .. '\\n' .. event .. '\\n' .. data)
    routed = routed + 1
  end
end
redis.call('SET', KEYS[1], ARGV[2])
return {'ok', routed}
`;
