-- The job ids of every message on the queue, waiting or in flight, in one atomic read: what the reconciler compares
-- with the jobs the database says are queued, to find hand-offs an outage lost.
-- KEYS[1..n] ready lists, KEYS[n+1] in-flight hash
local ids = {}
local function add(m)
  local id = string.match(m, '"jobId":"([^"]+)"')
  if id then ids[#ids + 1] = id end
end
for i = 1, #KEYS - 1 do
  for _, m in ipairs(redis.call('LRANGE', KEYS[i], 0, -1)) do add(m) end
end
for _, m in ipairs(redis.call('HVALS', KEYS[#KEYS])) do add(m) end
return ids
