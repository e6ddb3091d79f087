-- wrk script: an office's work list (open, soonest due first, first page of 50), each connection
-- one member of an office's staff with their own signed-in session. SESSIONS: lines "OFFICE COOKIE".
local sessions = {}
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
end

init = function(args)
  for line in io.lines(os.getenv("SESSIONS")) do
    local office, cookie = line:match("^(%S+) (%S+)$")
    sessions[#sessions + 1] = { office = office, cookie = cookie }
  end
  math.randomseed(os.time() + id)
end

request = function()
  local s = sessions[math.random(#sessions)]
  return wrk.format("GET", "/api/offices/" .. s.office .. "/service-requests?status=OPEN&limit=50",
    { ["Cookie"] = "JSESSIONID=" .. s.cookie, ["Accept"] = "application/json" })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
