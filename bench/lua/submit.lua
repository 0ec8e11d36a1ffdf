-- One POST per request, each to its own attempt: BENCH_ATTEMPTS holds lines
-- of "token<TAB>json body", dealt out to the BENCH_THREADS threads.
dofile(os.getenv("BENCH_LUA_DIR") .. "/statuses.lua")

function init(args)
  local total = tonumber(os.getenv("BENCH_THREADS"))
  local path = os.getenv("BENCH_PATH")
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
