--[[
  The Redis Cluster form of routing, one key per call: routes one page's entries of one routed
  stream. Appends each entry whose id is above the stream's last id, keeping the source id, and
  announces it on the stream's own channel (same name, so the same slot for SPUBLISH) in the same
  script, so a topic's subscribers hear its entries in stream order. The message is
  "id \n event \n data". The caller moves the source stream's watermark afterwards with
  casWatermark-1.

  Input:
    KEYS[1] the routed stream (also its Pub/Sub channel)

    ARGV[1] MAXLEN
    ARGV[2] TTL in seconds (0 = none), set when this call appended anything
    ARGV[3] 'SPUBLISH' or 'PUBLISH'
    ARGV[4..] per entry, three each, in source order: id, event, data

  Output:
    the number of entries appended
]]
--- @include "includes/streamIdAfter"
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local lastId = #last > 0 and last[1][1] or nil
local routed = 0
for i = 4, #ARGV, 3 do
  local id, event, data = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if lastId == nil or after(id, lastId) then
    redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], id, 'event', event, 'data', data)
    redis.call(ARGV[3], KEYS[1], id .. '\n' .. event .. '\n' .. data)
    lastId = id
    routed = routed + 1
  end
end
if routed > 0 and tonumber(ARGV[2]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return routed
