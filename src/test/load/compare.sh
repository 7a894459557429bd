#!/usr/bin/env bash
# Compares two builds, or two JVM settings, side by side on this machine; not run in CI.
#
#   bash src/test/load/compare.sh [OTHER_APP_DIR]
#
# A is this project's packaged jar (target/quarkus-app, built if missing or stale) with
# LOAD_JAVA_OPTS; B is OTHER_APP_DIR/quarkus-run.jar (a copy of another build's quarkus-app
# folder; default: the same jar) with LOAD_COMPARE_JAVA_OPTS. Both run at once, each on its own
# fresh H2 file database, seeded alike through the API; then each scenario is measured in rounds
# that alternate between them (A then B, then B then A, ...), so that the speed of the VM, which
# can drift by a third within minutes on the CI kind of machine, meets both builds alike. One
# run after another cannot tell a change of 10-20 % from that drift; rounds side by side can.
# The idle application of a pair takes next to no CPU while the other is measured.
#
# Prints, per scenario, the means of the rounds (requests/s, wrk's p99, application CPU per
# request) and in how many rounds B took less CPU per request than A; the rounds themselves go
# to the log. The table is also written to target/load-benchmark/compare.md. Fails when any
# answer is not 2xx.
#
# Settings (environment variables), besides LOAD_CONNECTIONS, LOAD_THREADS, LOAD_SEED,
# LOAD_READ_IDS and LOAD_KEEP as in run.sh:
#   LOAD_COMPARE_SCENARIOS="get search post"  which to measure, in this order
#   LOAD_COMPARE_ROUNDS=8          measured rounds per scenario (each build once a round)
#   LOAD_COMPARE_DURATION=15       seconds per build and round
#   LOAD_COMPARE_WARMUP_ROUNDS=5   warm-up rounds (every scenario, each build) before measuring
#   LOAD_COMPARE_WARMUP=20         seconds per build, scenario and warm-up round
#   LOAD_JAVA_OPTS= / LOAD_COMPARE_JAVA_OPTS=   JVM options for A / B (default for both: the
#                                  recommended -XX:+UseZGC; " " for the JVM's default, G1)
# Example: ZGC (A) against the JVM's default, G1 (B), for POST:
#   LOAD_COMPARE_SCENARIOS=post LOAD_COMPARE_JAVA_OPTS=" " bash src/test/load/compare.sh
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
OTHER_JAR="${1:-$PROJECT/target/quarkus-app}/quarkus-run.jar"
[ -f "$OTHER_JAR" ] || die "no $OTHER_JAR (pass the quarkus-app folder of the other build)"
read -r -a SCENARIO_KEYS <<<"${LOAD_COMPARE_SCENARIOS:-get search post}"
ROUNDS=${LOAD_COMPARE_ROUNDS:-8}
DURATION=${LOAD_COMPARE_DURATION:-15}
WARMUP_ROUNDS=${LOAD_COMPARE_WARMUP_ROUNDS:-5}
WARMUP=${LOAD_COMPARE_WARMUP:-20}

declare -A PID BASE
OTHER_JAVA_OPTS=${LOAD_COMPARE_JAVA_OPTS-$RECOMMENDED_JAVA_OPTS}
# shellcheck disable=SC2086 # the options are lists of options
start_app A "$JAR" $APP_JAVA_OPTS
PID[A]=$STARTED_PID; BASE[A]=$STARTED_BASE
# shellcheck disable=SC2086
start_app B "$OTHER_JAR" $OTHER_JAVA_OPTS
PID[B]=$STARTED_PID; BASE[B]=$STARTED_BASE
for build in A B; do
  seed "${BASE[$build]}"
  list_read_paths "${BASE[$build]}" "$WORK/$build-get-by-id.paths"
done

# The scenario of a key for a build: "name|token|method|body file|path|file of paths", as run.sh's.
scenario() { # key build
  case "$1" in
    get) echo "GET /api/v1/protocols/{id}|$SPONSOR|GET||/api/v1/protocols|$WORK/$2-get-by-id.paths" ;;
    search) echo "GET /api/v1/protocols?phase=…&conditionCategory=… (admin)|$ADMIN|GET||/api/v1/protocols|$WORK/search.paths" ;;
    post) echo "POST /api/v1/protocols|$SPONSOR|POST|$EXAMPLE|/api/v1/protocols|" ;;
    *) die "unknown scenario '$1' (get, search, post)" ;;
  esac
}
for key in "${SCENARIO_KEYS[@]}"; do scenario "$key" A >/dev/null; done

for round in $(seq 1 "$WARMUP_ROUNDS"); do
  log "warm-up round $round of $WARMUP_ROUNDS (${WARMUP} s per build and scenario)"
  for key in "${SCENARIO_KEYS[@]}"; do
    for build in A B; do
      wrk_scenario "${BASE[$build]}" "$WARMUP" /dev/null "$(scenario "$key" "$build")"
    done
  done
done

# One measured run: appends "requests=… rps=… p99_ms=… cpu_ms=…" to $WORK/<key>-<build>.rounds.
measure() { # key build
  local before after line
  : >"$WORK/result"
  before=$(cpu_ticks "${PID[$2]}")
  wrk_scenario "${BASE[$2]}" "$DURATION" "$WORK/result" "$(scenario "$1" "$2")"
  after=$(cpu_ticks "${PID[$2]}")
  line=$(cat "$WORK/result")
  [ "$(field bad_status "$line")" = 0 ] || die "$1, build $2: some answers were not 2xx ($line)"
  line="$line cpu_ms=$(cpu_ms_per_request $((after - before)) "$(field requests "$line")" 3)"
  echo "$line" >>"$WORK/$1-$2.rounds"
  log "$1 round $round, build $2: $line"
}

for key in "${SCENARIO_KEYS[@]}"; do
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then measure "$key" A; measure "$key" B; else measure "$key" B; measure "$key" A; fi
  done
done

mean() { # field rounds-file
  while read -r line; do field "$1" "$line"; done <"$2" | awk '{ s += $1 } END { printf "%.2f", s / NR }'
}
{
  echo "| scenario | requests/s A | B | p99 A | B | CPU per request A | B | rounds in which B took less CPU |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for key in "${SCENARIO_KEYS[@]}"; do
    fewer=$(paste -d' ' "$WORK/$key-A.rounds" "$WORK/$key-B.rounds" \
      | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^cpu_ms=/) { split($i, kv, "="); c[++n] = kv[2] }
              if (c[n] < c[n - 1]) b++; n = 0 } END { print b + 0 }')
    printf '| %s | %.0f | %.0f | %s ms | %s ms | %s ms | %s ms | %s of %s |\n' "$key" \
      "$(mean rps "$WORK/$key-A.rounds")" "$(mean rps "$WORK/$key-B.rounds")" \
      "$(mean p99_ms "$WORK/$key-A.rounds")" "$(mean p99_ms "$WORK/$key-B.rounds")" \
      "$(mean cpu_ms "$WORK/$key-A.rounds")" "$(mean cpu_ms "$WORK/$key-B.rounds")" "$fewer" "$ROUNDS"
  done
  echo
  echo "- $(date -u +%Y-%m-%dT%H:%MZ): A = $JAR ${APP_JAVA_OPTS}; B = $OTHER_JAR ${OTHER_JAVA_OPTS}."
  echo "- Means of $ROUNDS rounds of $DURATION s per build and scenario, alternating (A B, B A, ...), after" \
    "$WARMUP_ROUNDS warm-up rounds of $WARMUP s; each build seeded with $SEED protocols; wrk" \
    "$(wrk --version 2>&1 | head -1 | cut -d' ' -f2) with $THREADS threads and $CONNECTIONS connections on the same machine."
  echo "- Machine: $(machine_line)."
} | tee "$OUT/compare.md"
log "table written to $OUT/compare.md"
