--[[
  Appends one dead-letter record, once per entry and group: a marker beside the dead-letter stream
  remembers the record's id, and a repeated call returns that id instead of appending again.

  This is the first of two steps; the caller acknowledges the entry in its own stream only after
  this returned (see dead-letter-keys.ts). Both keys share the dead-letter stream's hash slot, so
  the script runs on Redis Cluster; the entry's stream is in another slot and is not touched here.

  Input:
    KEYS[1] the dead-letter stream
    KEYS[2] the marker of this entry and group (same hash slot as KEYS[1])

    ARGV[1] dead-letter record (JSON, deadLetterSchema), stored as field "data"
    ARGV[2] how long the marker is kept, in seconds

  Output:
    the dead-letter entry id: the new one, or the one a previous call appended
]]
local existing = redis.call("GET", KEYS[2])
if existing then
  return existing
end
local id = redis.call("XADD", KEYS[1], "*", "data", ARGV[1])
redis.call("SET", KEYS[2], id, "EX", ARGV[2])
return id
