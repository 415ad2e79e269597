-- Takes the oldest message of the most urgent eligible priority and leases it, atomically, so a worker that dies
-- after this call leaves the message in flight, where the lease brings it back.
-- KEYS[1..n] ready lists in priority order, KEYS[n+1] in-flight hash, KEYS[n+2] lease zset; ARGV[1] lease ms
local n = #KEYS - 2
local t = redis.call('TIME')
local deadline = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i = 1, n do
  local m = redis.call('RPOP', KEYS[i])
  if m then
    local id = cjson.decode(m)['id']
    redis.call('HSET', KEYS[n + 1], id, m)
    redis.call('ZADD', KEYS[n + 2], deadline, id)
    return m
  end
end
return false
