-- Scenario 5: GET /api/v1/products/{id} for a uniformly random bulk product id.
-- BENCH_FIRST_ID / BENCH_LAST_ID are set by bench/bench.py; the url given to wrk
-- ends in /api/v1/products/.
local first = tonumber(os.getenv("BENCH_FIRST_ID"))
local last = tonumber(os.getenv("BENCH_LAST_ID"))
local base = nil

function init(args)
  -- Each wrk thread has its own Lua state; seed each one differently.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  base = wrk.path
end

function request()
  return wrk.format("GET", base .. math.random(first, last))
end
