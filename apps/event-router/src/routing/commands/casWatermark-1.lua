--[[
  Moves a source stream's routing watermark, compare-and-set: on Redis Cluster, after every
  routeTopic-1 call of a page succeeded.

  Input:
    KEYS[1] the source stream's routing watermark (string: a stream id)

    ARGV[1] expected watermark ('' = none yet)
    ARGV[2] new watermark

  Output:
    { 'conflict', current watermark }  the watermark moved: it is left as it is
    { 'ok', 0 }
]]
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return {'conflict', current} end
redis.call('SET', KEYS[1], ARGV[2])
return {'ok', 0}
