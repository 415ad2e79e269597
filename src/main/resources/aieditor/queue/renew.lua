-- Extends the leases of messages a live worker still holds; returns the ids whose lease is no longer its own: run
-- out and gone, or the message delivered again meanwhile (its delivery count differs), so the new holder's lease is
-- left alone.
-- KEYS[1] lease zset, KEYS[2] in-flight hash; ARGV[1] lease ms, ARGV[2..] pairs of message id and delivery count
local t = redis.call('TIME')
local deadline = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
local lost = {}
for i = 2, #ARGV, 2 do
  local id = ARGV[i]
  local held = redis.call('HGET', KEYS[2], id)
  if held and tonumber(cjson.decode(held)['deliveries'] or 1) == tonumber(ARGV[i + 1])
      and redis.call('ZSCORE', KEYS[1], id) then
    redis.call('ZADD', KEYS[1], 'XX', deadline, id)
  else
    table.insert(lost, id)
  end
end
return lost
