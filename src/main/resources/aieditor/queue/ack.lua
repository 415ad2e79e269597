-- The message was processed: it leaves the in-flight set for good - unless its lease ran out meanwhile and it was
-- delivered again (then the delivery count differs, and the new holder keeps it).
-- KEYS[1] in-flight hash, KEYS[2] lease zset, KEYS[3] stats hash; ARGV[1] message id, ARGV[2] delivery count held
local m = redis.call('HGET', KEYS[1], ARGV[1])
if not m or tonumber(cjson.decode(m)['deliveries'] or 1) ~= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HINCRBY', KEYS[3], 'acked', 1)
return 1
