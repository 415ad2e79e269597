-- The message was processed: it leaves the in-flight set for good.
-- KEYS[1] in-flight hash, KEYS[2] lease zset, KEYS[3] stats hash; ARGV[1] message id
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HDEL', KEYS[1], ARGV[1]) == 1 then
  redis.call('HINCRBY', KEYS[3], 'acked', 1)
  return 1
end
return 0
