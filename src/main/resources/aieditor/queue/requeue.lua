-- Puts in-flight messages back at the head of their ready list (taken next), counting the delivery: either the
-- ones given (a worker hands back what it holds: id and the delivery count it holds, so a message delivered again
-- meanwhile stays with its new holder) or, with none given, every message whose lease ran out (its worker died).
-- KEYS[1] in-flight hash, KEYS[2] lease zset, KEYS[3] wake list, KEYS[4] stats hash, KEYS[5] ready-list prefix;
-- ARGV[1] stat to count ('redelivered' or 'handed_back'), ARGV[2..] pairs of message id and delivery count
local ids, held = {}, {}
if #ARGV > 1 then
  for i = 2, #ARGV, 2 do
    ids[#ids + 1] = ARGV[i]
    held[ARGV[i]] = tonumber(ARGV[i + 1])
  end
else
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)
end
local moved = 0
for _, id in ipairs(ids) do
  local m = redis.call('HGET', KEYS[1], id)
  local e = m and cjson.decode(m)
  if e and (held[id] == nil or held[id] == tonumber(e['deliveries'] or 1)) then
    redis.call('ZREM', KEYS[2], id)
    e['deliveries'] = (e['deliveries'] or 1) + 1
    redis.call('RPUSH', KEYS[5] .. e['queue'], cjson.encode(e))
    redis.call('HDEL', KEYS[1], id)
    redis.call('LPUSH', KEYS[3], '1')
    redis.call('HINCRBY', KEYS[4], ARGV[1], 1)
    moved = moved + 1
  elseif not e then
    redis.call('ZREM', KEYS[2], id)
  end
end
if moved > 0 then redis.call('LTRIM', KEYS[3], 0, 63) end
return moved
