-- Acknowledges the message a worker has finished, if it names one, and takes the next message for it: the oldest
-- of the most urgent eligible priority, leased. One round trip per job instead of two, and atomic, so a worker that
-- dies after this call leaves the new message in flight, where its lease brings it back.
-- An acknowledged message leaves the in-flight set for good - unless its lease ran out meanwhile and it was
-- delivered again (then the delivery count differs, and the new holder keeps it).
-- KEYS[1..n] ready lists in priority order (none: only acknowledge), KEYS[n+1] in-flight hash, KEYS[n+2] lease
-- zset, KEYS[n+3] stats hash; ARGV[1] lease ms, ARGV[2] and ARGV[3] id and delivery count of the finished message.
-- Returns {acknowledged: 1, 0 (delivered again meanwhile) or -1 (none named), the next message or nil}.
local n = #KEYS - 3
local inflight, leases, stats = KEYS[n + 1], KEYS[n + 2], KEYS[n + 3]
local acked = -1
if ARGV[2] then
  local held = redis.call('HGET', inflight, ARGV[2])
  acked = 0
  if held and tonumber(cjson.decode(held)['deliveries'] or 1) == tonumber(ARGV[3]) then
    redis.call('ZREM', leases, ARGV[2])
    redis.call('HDEL', inflight, ARGV[2])
    redis.call('HINCRBY', stats, 'acked', 1)
    acked = 1
  end
end
local t = redis.call('TIME')
local deadline = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i = 1, n do
  local m = redis.call('RPOP', KEYS[i])
  if m then
    local id = cjson.decode(m)['id']
    redis.call('HSET', inflight, id, m)
    redis.call('ZADD', leases, deadline, id)
    return {acked, m}
  end
end
return {acked}
