-- Paces wrk's connections to about RATE requests a second in total: each connection waits CONNECTIONS/RATE s
-- between requests. This is the closed-loop pacing that coordinated omission is about (wrk2 is not in Debian).
local pause_ms = 0
function init(args)
  pause_ms = tonumber(os.getenv("PAUSE_MS") or "0")
end
function delay()
  return pause_ms
end
