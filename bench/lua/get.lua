-- GET with the bearer token in BENCH_TOKEN (empty for the baseline).
dofile(os.getenv("BENCH_LUA_DIR") .. "/statuses.lua")

local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
