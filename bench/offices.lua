-- wrk script: GET /api/offices?zip={zip} over random real ZIP codes.
-- Reads the ZIP codes from ZIPS (one a line). PACE_MS, when set, makes each connection wait
-- that long (randomised 0.5x to 1.5x) between an answer and its next request: many clients
-- asking at a human pace instead of each asking again the moment it is answered.
local zips = {}
local pace = tonumber(os.getenv("PACE_MS") or "0")

init = function(args)
  for line in io.lines(os.getenv("ZIPS")) do
    zips[#zips + 1] = line
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

if pace > 0 then
  delay = function()
    return math.floor(pace * (0.5 + math.random()))
  end
end

request = function()
  return wrk.format("GET", "/api/offices?zip=" .. zips[math.random(#zips)])
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
