#!/usr/bin/env bash
# Load benchmark of the packaged jar on embedded H2 (file mode), not run in CI.
#
#   bash src/test/load/run.sh
#
# Builds target/quarkus-app if it is missing or older than the sources, starts the jar in a
# temporary working directory (its ./data is a fresh H2 file database) with the dev public key,
# seeds protocols through the API, warms up, then runs wrk against three real endpoints (GET by
# id, an admin's filtered search, POST), each right after the in-memory baseline that serves the
# same bytes through the same HTTP stack and token check (LoadBaselineResource, switched on with
# registry.load-baseline.enabled=true), and prints a Markdown table with requests/s, latency, the
# ratio to the baseline, the application's CPU time per request and the machine it ran on. The
# table is also written to target/load-benchmark/results.md. With LOAD_SERVER_LATENCY=1 it gives the
# server's own latencies beside wrk's: the access log's common format plus each request's time
# from the moment Vert.x had read its headers to the end of its response, so that the time a
# request spends outside the server (waiting for an event loop or for wrk to get a CPU) can be told
# apart. Off by default: recording it cost the in-memory baseline about a fifth of its throughput
# (four alternating pairs of 20 s runs), which would distort the ratios. The script fails when any answer is
# not 2xx or when the creates acknowledged and the protocols stored disagree.
#
# Settings (environment variables):
#   LOAD_DURATION=30      seconds per measured scenario
#   LOAD_WARMUP=10        seconds of warm-up per scenario and round (JIT, connection pool, H2 caches)
#   LOAD_JIT_QUIET=5      warm-up rounds repeat until JIT compilation takes at most this % of a round's
#                         application CPU (jstat -compiler) ...
#   LOAD_WARMUP_MAX_ROUNDS=8   ... or this many rounds have run
#   LOAD_CONNECTIONS=16   wrk connections;  LOAD_THREADS=2  wrk threads
#   LOAD_SEED=5000        protocols created through the API before measuring
#   LOAD_READ_IDS=1000    protocols that GET by id reads in turn
#   LOAD_JAVA_OPTS=-XX:+UseZGC   the application's JVM options (default: the recommended ones, as in
#                         Dockerfile.jvm); LOAD_JAVA_OPTS=" " for the JVM's default collector, G1
#   LOAD_SERVER_LATENCY=1 also report the server's own p50 / p99 from its access log (see above)
#   LOAD_JFR=1            record a JFR (default settings) of the measured runs (target/load-benchmark/*.jfr);
#                         the "profile" settings cost so much that they distort the figures
#   LOAD_KEEP=1           keep the temporary working directory (database and application log)
# Needs: java 17, curl, jq, openssl, wrk (Debian: apt-get install wrk; installed here if missing
# and running as root).
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
DURATION=${LOAD_DURATION:-30}
WARMUP=${LOAD_WARMUP:-10}
JIT_QUIET=${LOAD_JIT_QUIET:-5}
WARMUP_MAX_ROUNDS=${LOAD_WARMUP_MAX_ROUNDS:-8}

# --- start the application --------------------------------------------------------------------
JFR_OPTS=()
if [ "${LOAD_JFR:-0}" = 1 ]; then
  JFR_OPTS=(-XX:+FlightRecorder)
fi
SERVER_LATENCY_OPTS=()
if [ "${LOAD_SERVER_LATENCY:-0}" = 1 ]; then
  SERVER_LATENCY_OPTS=(-Dquarkus.http.record-request-start-time=true
    '-Dquarkus.http.access-log.pattern=%h %l %u %t "%r" %s %b %{RESPONSE_TIME_MICROS}')
fi
# shellcheck disable=SC2086 # LOAD_JAVA_OPTS is a list of options
start_app app "$JAR" $APP_JAVA_OPTS "${JFR_OPTS[@]}" "${SERVER_LATENCY_OPTS[@]}"
APP_PID=$STARTED_PID
BASE=$STARTED_BASE
APP_LOG="$WORK/app/app.log"

seed "$BASE"

# --- what each scenario requests, and the baseline that serves the same bytes ---------------------
# Every envelope and every page is of the same kind and size as the one the baseline serves.
list_read_paths "$BASE" "$WORK/get-by-id.paths"
SEARCH_QUERY="phase=PHASE_3&conditionCategory=NEUROPATHIC_PAIN"
api "$BASE$(head -1 "$WORK/get-by-id.paths")" -H "Authorization: Bearer $SPONSOR" -o "$WORK/get-by-id.json"
api "$BASE/api/v1/protocols?$SEARCH_QUERY" -H "Authorization: Bearer $ADMIN" -o "$WORK/search.json"
api -X POST "$BASE/api/v1/protocols" -H "Authorization: Bearer $SPONSOR" -H 'Content-Type: application/json' \
  --data-binary "@$EXAMPLE" -o "$WORK/create.json"
search_items=$(jq '.items | length' "$WORK/search.json")
for slot in get-by-id search create; do
  api -X PUT "$BASE/api/v1/load-baseline/$slot" -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' --data-binary "@$WORK/$slot.json"
done

# name | token | method | body file | path | file of paths taken in turn
SCENARIOS=(
  "baseline for GET by id|$SPONSOR|GET||/api/v1/load-baseline/get-by-id|"
  "GET /api/v1/protocols/{id}|$SPONSOR|GET||/api/v1/protocols|$WORK/get-by-id.paths"
  "baseline for search|$ADMIN|GET||/api/v1/load-baseline/search|"
  "GET /api/v1/protocols?phase=…&conditionCategory=… (admin)|$ADMIN|GET||/api/v1/protocols|$WORK/search.paths"
  "baseline for POST|$SPONSOR|POST|$EXAMPLE|/api/v1/load-baseline/create|"
  "POST /api/v1/protocols|$SPONSOR|POST|$EXAMPLE|/api/v1/protocols|"
)

run_wrk() { wrk_scenario "$BASE" "$@"; } # seconds result-file scenario
app_cpu_ticks() { cpu_ticks "$APP_PID"; }

count_sponsor_protocols() {
  api "$BASE/api/v1/protocols?pageSize=1&countTotal=true" -H "Authorization: Bearer $SPONSOR" | jq '.totalCount'
}

# Seconds the JIT compilers have spent so far (jstat's cumulative compile time).
jit_seconds() { jstat -compiler "$APP_PID" | awk 'NR == 2 { print $4 }'; }
share() { awk -v part="$1" -v whole="$2" 'BEGIN { printf "%.0f", (whole > 0 ? 100 * part / whole : 0) }'; }

# Warm-up rounds (every scenario for WARMUP s) until the JIT is quiet: while it is still compiling,
# its threads take up to half the CPU, and a create measured a third more CPU than in steady state.
WARMUP_ROUNDS=0
while :; do
  WARMUP_ROUNDS=$((WARMUP_ROUNDS + 1))
  cpu_before=$(app_cpu_ticks); jit_before=$(jit_seconds)
  for scenario in "${SCENARIOS[@]}"; do
    run_wrk "$WARMUP" /dev/null "$scenario"
  done
  cpu_seconds=$(awk -v ticks=$(($(app_cpu_ticks) - cpu_before)) -v hz="$CLOCK_TICKS" 'BEGIN { print ticks / hz }')
  jit_share=$(share "$(awk -v a="$(jit_seconds)" -v b="$jit_before" 'BEGIN { print a - b }')" "$cpu_seconds")
  log "warm-up round $WARMUP_ROUNDS (${WARMUP} s per scenario): JIT compilation took $jit_share % of the CPU"
  if [ "$jit_share" -le "$JIT_QUIET" ] || [ "$WARMUP_ROUNDS" -ge "$WARMUP_MAX_ROUNDS" ]; then
    break
  fi
done

if [ "${LOAD_JFR:-0}" = 1 ]; then
  jcmd "$APP_PID" JFR.start name=load settings=default >/dev/null
fi
LOAD_AVERAGE_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# The server's own latencies (µs in the access log) of the lines written between two sizes of the log.
server_latency() { # size-before size-after
  tail -c +$(($1 + 1)) "$APP_LOG" | head -c $(($2 - $1)) | grep -F '"loggerName":"io.quarkus.http.access-log"' \
    | sed -n 's/.*"message":".* \([0-9][0-9]*\)","threadName".*/\1/p' | sort -n \
    | awk 'function rank(q) { i = int(q * NR); if (i < q * NR) i++; return i < 1 ? 1 : i } # nearest rank
        { t[NR] = $1 } END { if (NR == 0) print "p50=— p99=—";
        else printf "p50=%.2f p99=%.2f\n", t[rank(0.5)] / 1000, t[rank(0.99)] / 1000 }'
}
log_size() { stat -c %s "$APP_LOG"; }

declare -A RESULT CPU_MS JIT SERVER
before_post=0
for scenario in "${SCENARIOS[@]}"; do
  name=${scenario%%|*}
  log "measuring: $name (${DURATION} s)"
  if [ "${name#POST}" != "$name" ]; then
    before_post=$(count_sponsor_protocols)
  fi
  : >"$WORK/result"
  cpu_before=$(app_cpu_ticks); jit_before=$(jit_seconds); log_before=$(log_size)
  run_wrk "$DURATION" "$WORK/result" "$scenario"
  cpu_after=$(app_cpu_ticks); log_after=$(log_size)
  SERVER[$name]="p50=— p99=—"
  if [ "${LOAD_SERVER_LATENCY:-0}" = 1 ]; then
    SERVER[$name]=$(server_latency "$log_before" "$log_after")
  fi
  RESULT[$name]=$(cat "$WORK/result")
  CPU_MS[$name]=$(cpu_ms_per_request $((cpu_after - cpu_before)) "$(field requests "${RESULT[$name]}")" 2)
  JIT[$name]=$(share "$(awk -v a="$(jit_seconds)" -v b="$jit_before" 'BEGIN { print a - b }')" \
    "$(awk -v ticks=$((cpu_after - cpu_before)) -v hz="$CLOCK_TICKS" 'BEGIN { print ticks / hz }')")
done
sleep 1 # requests still in flight when wrk stopped complete on the server
after_post=$(count_sponsor_protocols)
LOAD_AVERAGE_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "${LOAD_JFR:-0}" = 1 ]; then
  jcmd "$APP_PID" JFR.stop name=load filename="$OUT/load.jfr" >/dev/null
  log "JFR recording: $OUT/load.jfr (JDK Mission Control, or jfr print --stack-depth 64 --events jdk.ExecutionSample)"
fi

# --- the table ------------------------------------------------------------------------------------
post_line=${RESULT["POST /api/v1/protocols"]}
post_ok=$(($(field requests "$post_line") - $(field bad_status "$post_line")))
{
  echo "| scenario | requests/s | p50 | p99 | server p50 / p99 | ratio to baseline | app CPU per request | JIT share of it | non-2xx / socket errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  baseline_rps=""
  for scenario in "${SCENARIOS[@]}"; do
    name=${scenario%%|*}
    line=${RESULT[$name]}
    rps=$(field rps "$line")
    ratio="—"
    if [ "${name#baseline}" != "$name" ]; then
      baseline_rps=$rps
    else
      ratio=$(awk -v a="$rps" -v b="$baseline_rps" 'BEGIN { printf "%.0f %%", 100 * a / b }')
    fi
    printf '| %s | %s | %s ms | %s ms | %s / %s ms | %s | %s ms | %s %% | %s / %s |\n' "$name" \
      "$(printf '%.0f' "$rps")" "$(field p50_ms "$line")" "$(field p99_ms "$line")" \
      "$(field p50 "${SERVER[$name]}")" "$(field p99 "${SERVER[$name]}")" "$ratio" "${CPU_MS[$name]}" "${JIT[$name]}" \
      "$(field bad_status "$line")" "$(field socket_errors "$line")"
  done
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ), ${DURATION} s per scenario after $WARMUP_ROUNDS warm-up rounds of ${WARMUP} s" \
    "per scenario (until JIT compilation took at most $JIT_QUIET % of a round's CPU, or $WARMUP_MAX_ROUNDS rounds), wrk" \
    "$(wrk --version 2>&1 | head -1 | cut -d' ' -f2) with $THREADS threads and $CONNECTIONS connections on the same machine."
  if [ "${LOAD_SERVER_LATENCY:-0}" = 1 ]; then
    echo "- p50 and p99 are wrk's, from sending a request to reading its response. The server's own (from" \
      "the access log) run from the moment Vert.x had read the request's headers to the end of its" \
      "response; the difference is time spent waiting for an event loop thread, for the socket or for" \
      "wrk, all on the same cores. Recording them costs throughput (LOAD_SERVER_LATENCY=1)."
  else
    echo "- p50 and p99 are wrk's, from sending a request to reading its response (LOAD_SERVER_LATENCY=1" \
      "adds the server's own, at some cost in throughput)."
  fi
  echo "- Data: $SEED protocols seeded through the API in $seed_seconds s (4 in 5 visible to the" \
    "benchmark's sponsor). GET by id reads $(wc -l <"$WORK/get-by-id.paths") of the sponsor's protocols in turn" \
    "(envelopes of about $(wc -c <"$WORK/get-by-id.json") bytes); the search is an admin's across every sponsor," \
    "$(wc -l <"$WORK/search.paths") phase × condition category filters in turn, each answering a first page of" \
    "$search_items envelopes (about $(wc -c <"$WORK/search.json") bytes); POST sends the" \
    "$(wc -c <"$EXAMPLE")-byte complete example protocol."
  echo "- The warm-up rounds create protocols too: the benchmark's sponsor had $before_post protocols when" \
    "POST was measured (the $SEED seeded ones included)."
  echo "- POST: wrk received $post_ok 2xx answers; the sponsor's protocols grew by $((after_post - before_post))" \
    "(at most $CONNECTIONS more: requests in flight when wrk stopped still complete)."
  get_line=${RESULT["GET /api/v1/protocols/{id}"]}
  get_ratio=$(awk -v a="$(field rps "$get_line")" -v b="$(field rps "${RESULT["baseline for GET by id"]}")" \
    'BEGIN { printf "%.0f", 100 * a / b }')
  verdict() { if [ "$1" = 1 ]; then echo met; else echo "**missed**"; fi; }
  p99s=""
  for scenario in "${SCENARIOS[@]}"; do
    name=${scenario%%|*}
    [ "${name#baseline}" != "$name" ] && continue
    p99=$(field p99_ms "${RESULT[$name]}")
    case "$name" in
      *"{id}"*) label="GET by id" ;;
      POST*) label="POST" ;;
      *) label="search" ;;
    esac
    p99s="$p99s $label $p99 ms ($(verdict "$(awk -v p="$p99" 'BEGIN { print (p < 25) }')"));"
  done
  echo "- Targets on 2 cores: GET by id ≥ 50 % of its baseline: $get_ratio % ($(verdict \
    "$(awk -v r="$get_ratio" 'BEGIN { print (r >= 50) }')")); POST ≥ 1,000 creates/s:" \
    "$(printf '%.0f' "$(field rps "$post_line")")/s ($(verdict \
    "$(awk -v r="$(field rps "$post_line")" 'BEGIN { print (r >= 1000) }')")); p99 < 25 ms at $CONNECTIONS" \
    "connections:${p99s%;}."
  echo "- Machine: $(machine_line); load average $LOAD_AVERAGE_BEFORE before and" \
    "$LOAD_AVERAGE_AFTER after the measured runs. Application JVM options: ${APP_JAVA_OPTS:-none} (LOAD_JAVA_OPTS)."
} | tee "$OUT/results.md"
for scenario in "${SCENARIOS[@]}"; do
  name=${scenario%%|*}
  [ "$(field bad_status "${RESULT[$name]}")" = 0 ] || die "$name: some answers were not 2xx"
  [ "$(field socket_errors "${RESULT[$name]}")" = 0 ] || log "WARNING: $name: connection errors or timeouts"
done
stored=$((after_post - before_post))
if [ "$stored" -lt "$post_ok" ] || [ "$stored" -gt $((post_ok + CONNECTIONS)) ]; then
  die "POST: $post_ok creates acknowledged but $stored stored"
fi
log "table written to $OUT/results.md"
