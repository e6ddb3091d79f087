-- wrk script: GET /api/offices?zip={zip} over random real ZIP codes.
-- Reads the ZIP codes from ZIPS (one a line).
local zips = {}

init = function(args)
  for line in io.lines(os.getenv("ZIPS")) do
    zips[#zips + 1] = line
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  return wrk.format("GET", "/api/offices?zip=" .. zips[math.random(#zips)])
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
