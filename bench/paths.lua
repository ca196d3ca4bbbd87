-- paths.lua - wrk script: every request takes a random line of the file
-- named by BENCH_PATHS (request paths written by `gen --paths`), and the
-- end of the run prints one machine-readable line for run.sh:
--
--   BENCH requests=N seconds=S rps=R p50_us=.. p90_us=.. p99_us=.. max_us=..
--         bytes_per_request=B errors=E non2xx=X
--
-- Each wrk thread has its own Lua state; seeding by thread number keeps the
-- runs repeatable while threads do not send the same sequence.

local paths = {}
local thread_number = 0

local function load_paths()
   local name = os.getenv("BENCH_PATHS")
   if not name then
      error("BENCH_PATHS is not set")
   end
   for line in io.lines(name) do
      if #line > 0 then
         paths[#paths + 1] = line
      end
   end
   if #paths == 0 then
      error(name .. " has no paths")
   end
end

function setup(thread)
   thread_number = thread_number + 1
   thread:set("seed", thread_number)
end

function init(args)
   load_paths()
   math.randomseed(1000 + (seed or 0))
end

function request()
   return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
   local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "BENCH requests=%d seconds=%.2f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d bytes_per_request=%d errors=%d non2xx=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      summary.requests > 0 and math.floor(summary.bytes / summary.requests) or 0,
      errors, summary.errors.status))
end
