--[[
  Stream id order for the routing scripts: after(a, b) is whether stream id a comes after b
  (milliseconds, then sequence); parse(s) splits an id "<ms>-<seq>" into its two numbers.
]]
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
