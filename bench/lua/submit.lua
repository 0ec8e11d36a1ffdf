-- One POST per request, each to its own attempt: BENCH_ATTEMPTS holds lines
-- of "token<TAB>json body", dealt out to the BENCH_THREADS threads. Statuses
-- are counted per thread and summed in done() as one "statuses" line.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local total = tonumber(os.getenv("BENCH_THREADS"))
  local path = os.getenv("BENCH_PATH")
  statuses = {}
  prepared = {}
  local n = 0
  for line in io.lines(os.getenv("BENCH_ATTEMPTS")) do
    if n % total == id then
      local tab = string.find(line, "\t")
      local headers = {
        ["Authorization"] = "Bearer " .. string.sub(line, 1, tab - 1),
        ["Content-Type"] = "application/json",
      }
      table.insert(prepared, wrk.format("POST", path, headers, string.sub(line, tab + 1)))
    end
    n = n + 1
  end
  next_one = 0
end

function request()
  next_one = next_one % #prepared + 1
  return prepared[next_one]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses")) do
      total[code] = (total[code] or 0) + count
    end
  end
  local parts = {}
  for code, count in pairs(total) do
    table.insert(parts, code .. "=" .. count)
  end
  io.write("statuses " .. table.concat(parts, " ") .. "\n")
end
