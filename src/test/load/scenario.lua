-- One wrk scenario, configured by environment variables (set by run.sh):
--   LOAD_TOKEN      bearer token sent with every request (required)
--   LOAD_METHOD     GET (default) or POST
--   LOAD_BODY_FILE  file whose bytes are the body of every request (POST)
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
