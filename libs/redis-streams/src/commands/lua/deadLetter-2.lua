--[[
  Moves one pending entry to the dead-letter stream: acknowledges it in its group and, only if it
  was still pending there, appends the dead-letter record. Atomic, so an entry is never both
  acknowledged and missing from the dead-letter stream, nor dead-lettered twice.

  Input:
    KEYS[1] the entry's stream
    KEYS[2] the dead-letter stream

    ARGV[1] consumer group
    ARGV[2] entry id
    ARGV[3] dead-letter record (JSON, deadLetterSchema), stored as field "data"

  Output:
    the dead-letter entry id, or false when the entry was no longer pending (someone else
    acknowledged or dead-lettered it first)
]]
local acked = redis.call("XACK", KEYS[1], ARGV[1], ARGV[2])
if acked == 0 then
  return false
end
return redis.call("XADD", KEYS[2], "*", "data", ARGV[3])
