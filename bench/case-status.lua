-- wrk script: GET /case-status/{receipt} over random existing receipt numbers.
-- Reads the receipts from RECEIPTS (one a line) and the bearer token from TOKEN. With MIX=skewed,
-- 80 % of lookups go to the receipts in RECENT (the cases received most recently).
local receipts = {}
local recent = {}
local token = os.getenv("TOKEN")
local skewed = os.getenv("MIX") == "skewed"

init = function(args)
  for line in io.lines(os.getenv("RECEIPTS")) do
    receipts[#receipts + 1] = line
  end
  if skewed then
    for line in io.lines(os.getenv("RECENT")) do
      recent[#recent + 1] = line
    end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  local r
  if skewed and math.random() < 0.8 then
    r = recent[math.random(#recent)]
  else
    r = receipts[math.random(#receipts)]
  end
  return wrk.format("GET", "/case-status/" .. r, { ["Authorization"] = "Bearer " .. token })
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT requests=%d non2xx=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, non2xx, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
