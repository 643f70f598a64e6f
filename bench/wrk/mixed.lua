-- Mixed workload (`scripts/bench --search`): catalog reads and, with
-- BENCH_ORDER_PERCENT > 0, order placements by many users.
--
-- Reads: 40% list pages (newest, or one of BENCH_CATEGORY_IDS by price), 40%
-- product pages of BENCH_HOT products (the popular part of a catalog), 20%
-- facets (no filter or one category). Orders: one unit of a random hot
-- product, by one of the users whose tokens are in BENCH_TOKENS (comma
-- separated). An order for a product that is out of stock answers 409 and is
-- counted by wrk as a non-2xx response.
local first = tonumber(os.getenv("BENCH_FIRST_ID"))
local hot = tonumber(os.getenv("BENCH_HOT") or "1000")
local order_percent = tonumber(os.getenv("BENCH_ORDER_PERCENT") or "0")
local categories = {}
for id in string.gmatch(os.getenv("BENCH_CATEGORY_IDS") or "", "[^,]+") do
  table.insert(categories, id)
end
local tokens = {}
for t in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do
  table.insert(tokens, t)
end
local threads = {}
-- Globals, not locals: done() reads them from each thread with thread:get().
orders = 0
reads = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
end

local function product()
  return first + math.random(0, hot - 1)
end

function request()
  local r = math.random(1, 100)
  if r <= order_percent and #tokens > 0 then
    orders = orders + 1
    local body = string.format(
      '{"shipping_address":"Bench Street 1","items":[{"product_id":%d,"quantity":1}]}', product())
    return wrk.format("POST", "/api/v1/orders", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)],
    }, body)
  end
  reads = reads + 1
  local kind = math.random(1, 100)
  if kind <= 40 then
    if math.random(1, 4) == 1 or #categories == 0 then
      return wrk.format("GET", "/api/v1/products?limit=20")
    end
    return wrk.format("GET", "/api/v1/products?limit=20&sort=price&category=" .. categories[math.random(1, #categories)])
  elseif kind <= 80 then
    return wrk.format("GET", "/api/v1/products/" .. product())
  elseif math.random(1, 2) == 1 or #categories == 0 then
    return wrk.format("GET", "/api/v1/products/facets")
  end
  return wrk.format("GET", "/api/v1/products/facets?category=" .. categories[math.random(1, #categories)])
end

function done(summary, latency, requests)
  local o, r = 0, 0
  for _, thread in ipairs(threads) do
    o = o + (thread:get("orders") or 0)
    r = r + (thread:get("reads") or 0)
  end
  io.write(string.format("mixed: orders %d reads %d\n", o, r))
end
