# Shared by run.sh (the load benchmark) and compare.sh (two builds side by side): tools, the
# packaged jar, tokens, starting the application, seeding it and the lists of paths requested.
# Sourced, not run; the including script has set -euo pipefail.

PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE="$PROJECT/src/test/load"
OUT="$PROJECT/target/load-benchmark"
JAR="$PROJECT/target/quarkus-app/quarkus-run.jar"
CONNECTIONS=${LOAD_CONNECTIONS:-16}
THREADS=${LOAD_THREADS:-2}
SEED=${LOAD_SEED:-5000}
READ_IDS=${LOAD_READ_IDS:-1000}
ISSUER=https://protocol-registry.dev/issuer
PRIVATE_KEY="$PROJECT/src/dev-keys/privateKey.pem"
EXAMPLE="$PROJECT/src/main/resources/examples/fibromyalgia-phase2.json"
CLOCK_TICKS=$(getconf CLK_TCK)
# The service's recommended JVM options, which src/main/docker/Dockerfile.jvm sets too: ZGC, whose
# pauses stay under a millisecond (G1's young pauses of 15-20 ms put the POST p99 over 25 ms; README
# Performance). LOAD_JAVA_OPTS replaces them; LOAD_JAVA_OPTS=" " runs the JVM's default, G1.
RECOMMENDED_JAVA_OPTS="-XX:+UseZGC"
APP_JAVA_OPTS=${LOAD_JAVA_OPTS-$RECOMMENDED_JAVA_OPTS}

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- tools ------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing wrk"
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  fi
  command -v wrk >/dev/null || die "wrk is not installed (Debian/Ubuntu: apt-get install wrk)"
fi
for tool in java jstat curl jq openssl; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

# --- the packaged jar -------------------------------------------------------------------------
if [ ! -f "$JAR" ] || [ -n "$(find "$PROJECT/src/main" "$PROJECT/pom.xml" -newer "$JAR" -print -quit)" ]; then
  log "building the packaged jar (./mvnw package -DskipTests)"
  (cd "$PROJECT" && ./mvnw -q package -DskipTests) || die "the build failed"
fi
mkdir -p "$OUT"

# --- tokens: RS256 JWTs signed with the dev key, as the dev token endpoint would make them ------
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
mint() { # role [org]
  local now org_claim="" header payload signature
  now=$(date +%s)
  [ -n "${2:-}" ] && org_claim=",\"org\":\"$2\""
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"iss":"%s","sub":"load-%s","groups":["%s"],"iat":%d,"exp":%d%s}' \
    "$ISSUER" "$1" "$1" "$now" $((now + 4 * 3600)) "$org_claim" | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$PRIVATE_KEY" -binary | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}
SPONSOR=$(mint sponsor load-acme)
RIVAL=$(mint sponsor load-rival)
ADMIN=$(mint admin)

# --- the temporary working directory and the applications started in it ------------------------
WORK=$(mktemp -d -t registry-load.XXXXXX)
APP_PIDS=()
cleanup() {
  local pid
  for pid in "${APP_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ "${LOAD_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# Starts a packaged application in $WORK/<name> (its ./data a fresh H2 file database) on a free
# port, with the dev public key and the in-memory baseline switched on; sets STARTED_PID and
# STARTED_BASE once it is ready.
start_app() { # name quarkus-run.jar [java options...]
  local name=$1 jar=$2 dir="$WORK/$1" port=""
  shift 2
  mkdir -p "$dir"
  log "starting $jar in $dir"
  (cd "$dir" && exec env MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PROJECT/src/dev-keys/publicKey.pem" \
      MP_JWT_VERIFY_ISSUER="$ISSUER" \
      java "$@" -Dquarkus.http.port=0 -Dregistry.load-baseline.enabled=true -jar "$jar" >app.log 2>&1) &
  STARTED_PID=$!
  APP_PIDS+=("$STARTED_PID")
  STARTED_BASE=""
  for _ in $(seq 1 300); do
    kill -0 "$STARTED_PID" 2>/dev/null || die "$name exited during start-up: $(tail -20 "$dir/app.log")"
    port=$(grep -o 'Listening on: http://[0-9.]*:[0-9]*' "$dir/app.log" | head -1 | sed 's/.*://' || true)
    if [ -n "$port" ] && curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null; then
      STARTED_BASE="http://127.0.0.1:$port"
      break
    fi
    sleep 0.2
  done
  [ -n "$STARTED_BASE" ] || die "$name was not ready within 60 s: $(tail -20 "$dir/app.log")"
  log "$name ready on $STARTED_BASE"
}

# --- seeding ----------------------------------------------------------------------------------
# Variants of the complete example protocol: every phase × condition category, each dose;
# four in five belong to the benchmark's sponsor, the rest to another sponsor it cannot see.
PHASES=(EARLY_PHASE_1 PHASE_1 PHASE_1_2 PHASE_2 PHASE_2_3 PHASE_3)
CATEGORIES=(FIBROMYALGIA NEUROPATHIC_PAIN CHRONIC_LOW_BACK_PAIN PHANTOM_LIMB_PAIN CRPS OSTEOARTHRITIS_PAIN
  CHRONIC_PAIN_WITH_PTSD OTHER_CHRONIC_PAIN)
mkdir -p "$WORK/bodies"
variants=0
for phase in "${PHASES[@]}"; do
  for category in "${CATEGORIES[@]}"; do
    jq --arg phase "$phase" --arg category "$category" --argjson dose $((80 + variants % 5 * 10)) \
      '.registration.phase = $phase | .condition.category = $category | .dosing.initialDoseMg = $dose
       | .registration.briefTitle = "MDMA-assisted therapy, \($category | ascii_downcase), \($phase | ascii_downcase)"' \
      "$EXAMPLE" >"$WORK/bodies/$variants.json"
    variants=$((variants + 1))
  done
done

# Creates SEED protocols through the API (8 at a time); sets seed_seconds. Fails unless all are 201.
seed() { # base-url
  local i token start created
  log "seeding $SEED protocols into $1"
  {
    for i in $(seq 1 "$SEED"); do
      token=$SPONSOR
      [ $((i % 5)) = 0 ] && token=$RIVAL
      printf 'url = "%s/api/v1/protocols"\nrequest = "POST"\nheader = "Authorization: Bearer %s"\n' "$1" "$token"
      printf 'header = "Content-Type: application/json"\ndata-binary = "@%s/bodies/%d.json"\n' "$WORK" $((i % variants))
      printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
      [ "$i" = "$SEED" ] || printf 'next\n'
    done
  } >"$WORK/seed.curl"
  start=$(date +%s)
  curl --no-progress-meter --parallel --parallel-max 8 --config "$WORK/seed.curl" >"$WORK/seed.status" \
    2>"$WORK/seed.errors" || die "seeding failed: $(head -5 "$WORK/seed.errors")"
  seed_seconds=$(($(date +%s) - start))
  created=$(grep -c '^201$' "$WORK/seed.status" || true)
  [ "$created" = "$SEED" ] || die "seeding: $created of $SEED creates answered 201 ($(sort "$WORK/seed.status" | uniq -c | tr '\n' ' '))"
  log "seeded $SEED protocols in $seed_seconds s"
}

# --- what the scenarios request ---------------------------------------------------------------
# Real requests take their paths in turn from a list (READ_IDS of the sponsor's protocols; 42
# filter combinations), so that H2 cannot answer a repeated statement from its result cache.
api() { curl -fsS "$@"; }

# The paths of READ_IDS of the sponsor's protocols, one a line, into a file.
list_read_paths() { # base-url file
  local token_param="" next
  : >"$2"
  while [ "$(wc -l <"$2")" -lt "$READ_IDS" ]; do
    api "$1/api/v1/protocols?pageSize=200&fields=id$token_param" -H "Authorization: Bearer $SPONSOR" >"$WORK/page.json"
    jq -r '.items[].id | "/api/v1/protocols/" + .' "$WORK/page.json" >>"$2"
    next=$(jq -r '.nextPageToken // empty' "$WORK/page.json")
    [ -n "$next" ] || break
    token_param="&pageToken=$next"
  done
  head -n "$READ_IDS" "$2" >"$2.head" && mv "$2.head" "$2"
}

: >"$WORK/search.paths"
for phase in "${PHASES[@]}"; do
  for category in "${CATEGORIES[@]}"; do
    # FIBROMYALGIA is what the POST scenario creates: its pages would change during the runs.
    [ "$category" = FIBROMYALGIA ] || echo "/api/v1/protocols?phase=$phase&conditionCategory=$category" >>"$WORK/search.paths"
  done
done

# --- measuring --------------------------------------------------------------------------------
# wrk's figures for one run, as scenario.lua writes them: "requests=… rps=… p99_ms=…".
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }

# CPU time an application has used so far, in clock ticks (user + system, all threads).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Milliseconds of CPU per request, from clock ticks used over a run and the requests it served.
cpu_ms_per_request() { # ticks requests decimals
  awk -v ticks="$1" -v hz="$CLOCK_TICKS" -v requests="$2" -v decimals="$3" \
    'BEGIN { printf "%.*f", decimals, 1000 * ticks / hz / requests }'
}

# One wrk run of a scenario "name|token|method|body file|path|file of paths" against base-url.
wrk_scenario() { # base-url seconds result-file scenario
  local name token method body path paths
  IFS='|' read -r name token method body path paths <<<"$4"
  LOAD_TOKEN=$token LOAD_METHOD=$method LOAD_BODY_FILE=$body LOAD_PATH_FILE=$paths LOAD_RESULT=$3 \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" --timeout 10s -s "$HERE/scenario.lua" "$1$path" >>"$WORK/wrk.log"
}

machine_line() {
  echo "$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; $(java -version 2>&1 | head -1)"
}
