-- One wrk scenario, configured by environment variables (set by run.sh):
--   LOAD_TOKEN      bearer token sent with every request (required)
--   LOAD_METHOD     GET (default) or POST
--   LOAD_BODY_FILE  file whose bytes are the body of every request (POST)
--   LOAD_PATH_FILE  optional: paths (one a line) requested in turn, so that the database
--                   cannot answer from a cached result; otherwise the URL's path every time
--   LOAD_RESULT     file the figures are appended to, one line per run
-- wrk measures; this script only shapes the requests and writes the figures in a form that
-- run.sh can read without parsing wrk's human-readable output.

local token = os.getenv("LOAD_TOKEN")
if token == nil or token == "" then
  error("LOAD_TOKEN is not set")
end

wrk.method = os.getenv("LOAD_METHOD") or "GET"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

local body_file = os.getenv("LOAD_BODY_FILE")
if body_file ~= nil and body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = "application/json"
end

local path_file = os.getenv("LOAD_PATH_FILE")
if path_file ~= nil and path_file ~= "" then
  local paths = {}
  for line in io.lines(path_file) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  assert(#paths > 0, "no paths in " .. path_file)

  -- Runs in wrk's main state: each thread starts at another place in the list.
  local threads = 0
  function setup(thread)
    threads = threads + 1
    thread:set("first_path", threads * 7919)
  end

  local next_path
  function init(args)
    next_path = (first_path or 0) % #paths
  end

  function request()
    next_path = next_path % #paths + 1
    return wrk.format(nil, paths[next_path])
  end
end

-- Called once after the run, in wrk's main thread.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  local line = string.format(
    "requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f bad_status=%d socket_errors=%d",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout)
  io.write(line .. "\n")
  local result = os.getenv("LOAD_RESULT")
  if result ~= nil and result ~= "" then
    local out = assert(io.open(result, "a"))
    out:write(line .. "\n")
    out:close()
  end
end
