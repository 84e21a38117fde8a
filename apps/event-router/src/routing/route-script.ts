/** Lua `after(a, b)`: whether stream id `a` comes after `b` (milliseconds, then sequence), for both routing scripts. */
const STREAM_ID_AFTER = `local function parse(s)
  local dash = string.find(s, '-', 1, true)
  return tonumber(string.sub(s, 1, dash - 1)), tonumber(string.sub(s, dash + 1))
end
local function after(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  if am ~= bm then return am > bm end
  return as > bs
end`;

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
${STREAM_ID_AFTER}
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

/**
 * The Redis Cluster form of routing, one key per call: ROUTE_RUN_SCRIPT names a watermark and
 * many routed streams, which live in different slots there. RoutedStreamWriter routes a page as
 * one call of this script per routed stream (all of that stream's entries of the page, in source
 * order), then moves the watermark with WATERMARK_CAS_SCRIPT. Order and completeness follow from
 * three rules (the argument is on ClusterPageRouter).
 *
 * Appends each entry whose id is above the stream's last id, keeping the source id, and announces
 * it on the stream's own sharded channel (same name, same slot) in the same script, so a topic's
 * subscribers hear its entries in stream order.
 *
 * KEYS[1] the routed stream (also its Pub/Sub channel)
 * ARGV[1] MAXLEN, ARGV[2] TTL in seconds (0 = none), ARGV[3] 'SPUBLISH' or 'PUBLISH',
 *         then per entry: id, event, data
 * Returns: entries appended
 */
export const ROUTE_TOPIC_SCRIPT = `
${STREAM_ID_AFTER}
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local lastId = #last > 0 and last[1][1] or nil
local routed = 0
for i = 4, #ARGV, 3 do
  local id, event, data = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if lastId == nil or after(id, lastId) then
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], id, 'event', event, 'data', data)
    redis.call(ARGV[3], KEYS[1], id .. '\\n' .. event .. '\\n' .. data)
    lastId = id
    routed = routed + 1
  end
end
if routed > 0 and tonumber(ARGV[2]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return routed
`;

/**
 * Moves a source stream's routing watermark, compare-and-set.
 *
 * KEYS[1] the watermark
 * ARGV[1] expected watermark ('' = none yet), ARGV[2] new watermark
 * Returns: { 'conflict', current watermark } or { 'ok', 0 }
 */
export const WATERMARK_CAS_SCRIPT = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return {'conflict', current} end
redis.call('SET', KEYS[1], ARGV[2])
return {'ok', 0}
`;
