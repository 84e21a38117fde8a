--[[
  Routes a run of one source stream's entries, in source order, to their per-job / per-channel
  streams, and announces each one, atomically; then moves the source stream's routing watermark to
  the end of the run. Compare-and-set on the watermark: if it no longer has the value the caller
  read (another replica routed part of the range), nothing is done and its current value returned.

  Each routed entry keeps its source entry's id (the SSE cursor); an id at or below the routed
  stream's last one is skipped, which makes a repeated run harmless. PUBLISH happens in the same
  script as XADD, so every subscriber hears a topic's entries in stream order. The message is
  "id \n event \n data" (data is single-line JSON).

  One Redis node or Sentinel only: the routed streams are named in ARGV, not KEYS, since a run
  touches many of them. On Redis Cluster, where they live in other slots than the watermark,
  routing is routeTopic-1 per routed stream and then casWatermark-1.

  Input:
    KEYS[1] the source stream's routing watermark (string: a stream id)

    ARGV[1] expected watermark ('' = none yet)
    ARGV[2] new watermark
    ARGV[3] MAXLEN of a job's routed stream
    ARGV[4] MAXLEN of a channel's routed stream
    ARGV[5] a job's routed stream's TTL in seconds (0 = none)
    ARGV[6..] per entry, five each, in source order: routed stream key, id,
              '1' for a job or '0' for a channel, event, data

  Output:
    { 'conflict', current watermark }  the watermark moved: nothing was routed
    { 'ok', entries routed }
]]
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return {'conflict', current} end
--- @include "includes/streamIdAfter"
local routed = 0
for i = 6, #ARGV, 5 do
  local key, id, isJob, event, data = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
  if #last == 0 or after(id, last[1][1]) then
    redis.call('XADD', key, 'MAXLEN', '~', isJob == '1' and ARGV[3] or ARGV[4], id, 'event', event, 'data', data)
    if isJob == '1' and tonumber(ARGV[5]) > 0 then redis.call('EXPIRE', key, ARGV[5]) end
    redis.call('PUBLISH', key, id .. '\n' .. event .. '\n' .. data)
    routed = routed + 1
  end
end
redis.call('SET', KEYS[1], ARGV[2])
return {'ok', routed}
