--[[
  Every change to one consumer's counting window, atomically: counting a fetched batch, closing the
  window on its time threshold under the timer lease, and releasing that lease. One script, so the
  count and the timer can never both close one window: whichever runs first moves the epoch on and
  the other finds a different window (or an empty one) and does nothing.

  Input:
    KEYS[1] running count of the open window (string)         consumer:<id>:events
    KEYS[2] window state (hash: epoch, inc, opened_at,        {consumer:<id>:events}:window
            f:<partition> first and l:<partition> last offset counted in this window)
    KEYS[3] offset guard (hash: topic/partition -> last counted) {consumer:<id>:events}:offsets
    KEYS[4] outbox of closed windows (hash: epoch -> JSON)     {consumer:<id>:events}:outbox
    KEYS[5] timer lease (string: owner token, with a TTL)      {consumer:<id>:events}:lease

    ARGV[1] operation: "count", "tick" or "release"
    ARGV[2] now, epoch milliseconds (the caller's clock)
    ARGV[3] incarnation: names a brand-new consumer's windows (used only when KEYS[2] is absent)

    count:   ARGV[4] max_event, ARGV[5] partition, ARGV[6] topic, ARGV[7..] the batch's offsets, ascending
             (the guard is per topic and partition, so a consumer moved to another topic starts clean)
    tick:    ARGV[4] max_time in milliseconds, ARGV[5] lease owner token, ARGV[6] lease TTL ms
    release: ARGV[5] lease owner token

  Output:
    count:   { counted, skipped, countAfter, closedEpoch... }
             (skipped = offsets at or below the guard: replays; countAfter = the open window's count)
    tick:    { owned (1|0), closedEpoch or 0 }
    release: { released (1|0) }

  A closed window is written to the outbox as JSON {epoch, inc, reason, event_count, opened_at,
  closed_at, offsets = {partition: [first, last]}} in this same script, so a crash before the
  BullMQ job is added loses nothing: the next sweep re-sends the record under the same job id.
]]
local op = ARGV[1]
local now = tonumber(ARGV[2])

if op == "release" then
  if redis.call("GET", KEYS[5]) == ARGV[5] then
    redis.call("DEL", KEYS[5])
    return { 1 }
  end
  return { 0 }
end

local state = redis.call("HMGET", KEYS[2], "epoch", "inc")
local epoch = tonumber(state[1])
local inc = state[2]
if not epoch then
  epoch = 1
  inc = ARGV[3]
  redis.call("HSET", KEYS[2], "epoch", epoch, "inc", inc)
end
local count = tonumber(redis.call("GET", KEYS[1]) or "0")

-- Writes the open window to the outbox and starts the next one (the count key goes back to 0).
local function close(reason)
  local fields = redis.call("HGETALL", KEYS[2])
  local offsets = {}
  local openedAt = now
  for i = 1, #fields, 2 do
    local name, value = fields[i], fields[i + 1]
    local kind, partition = string.match(name, "^([fl]):(.+)$")
    if kind then
      offsets[partition] = offsets[partition] or {}
      offsets[partition][kind == "f" and 1 or 2] = value
    elseif name == "opened_at" then
      openedAt = tonumber(value)
    end
  end
  local record = cjson.encode({
    epoch = epoch, inc = inc, reason = reason, event_count = count,
    opened_at = openedAt, closed_at = now, offsets = offsets,
  })
  redis.call("HSET", KEYS[4], tostring(epoch), record)
  local closed = epoch
  epoch = epoch + 1
  count = 0
  redis.call("DEL", KEYS[2])
  redis.call("HSET", KEYS[2], "epoch", epoch, "inc", inc)
  redis.call("SET", KEYS[1], 0)
  return closed
end

if op == "tick" then
  local holder = redis.call("GET", KEYS[5])
  if holder and holder ~= ARGV[5] then
    return { 0, 0 }
  end
  redis.call("SET", KEYS[5], ARGV[5], "PX", ARGV[6])
  if count == 0 then
    return { 1, 0 }
  end
  local openedAt = tonumber(redis.call("HGET", KEYS[2], "opened_at"))
  if openedAt and now - openedAt < tonumber(ARGV[4]) then
    return { 1, 0 }
  end
  return { 1, close("time") }
end

-- op == "count"
local maxEvent = tonumber(ARGV[4])
local partition = ARGV[5]
local guardField = ARGV[6] .. "/" .. partition
local n = #ARGV
local guard = tonumber(redis.call("HGET", KEYS[3], guardField) or "-1")
local i = 7
while i <= n and tonumber(ARGV[i]) <= guard do
  i = i + 1
end
local skipped = i - 7
local result = { 0, skipped, count }
if i > n then
  return result
end
redis.call("HSET", KEYS[3], guardField, ARGV[n])

-- max_event lowered below the open window's count by a configuration update: close it first.
if count >= maxEvent then
  result[#result + 1] = close("count")
end
local counted = 0
while i <= n do
  local take = math.min(maxEvent - count, n - i + 1)
  if count == 0 then
    redis.call("HSET", KEYS[2], "opened_at", now)
  end
  redis.call("HSETNX", KEYS[2], "f:" .. partition, ARGV[i])
  redis.call("HSET", KEYS[2], "l:" .. partition, ARGV[i + take - 1])
  count = count + take
  counted = counted + take
  i = i + take
  if count >= maxEvent then
    result[#result + 1] = close("count")
  end
end
redis.call("SET", KEYS[1], count)
result[1] = counted
result[3] = count
return result
