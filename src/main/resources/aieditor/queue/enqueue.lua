-- Puts a message on its priority's ready list and wakes one waiting worker.
-- KEYS[1] ready list, KEYS[2] wake list, KEYS[3] stats hash; ARGV[1] message
redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LPUSH', KEYS[2], '1')
-- tokens nobody waited for are only spurious wake-ups; keep a handful
redis.call('LTRIM', KEYS[2], 0, 63)
redis.call('HINCRBY', KEYS[3], 'enqueued', 1)
return 1
