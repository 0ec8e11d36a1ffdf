-- Counts responses by status in each thread; done() sums them into one
-- "statuses 202=10 409=1" line that bench/wrk.py reads.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

statuses = {}

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
