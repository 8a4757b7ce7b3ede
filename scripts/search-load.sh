#!/bin/sh
# Load test of the search endpoint with wrk: fills a collection with N random points of DIM
# dimensions on a running node, then runs POST /points/search at each connection count and prints
# p50/p95/p99 latency and throughput. Needs curl, awk and wrk (Debian packages).
#
#   scripts/search-load.sh [-u URL] [-n POINTS] [-d DIM] [-c "1 8 64"] [-t SECONDS] [-k API_KEY] [--skip-load]
#
# Defaults: http://127.0.0.1:6333, 100000 points, 128 dimensions, Euclid, 1, 8 and 64
# connections, 20 s each. The collection is named load_<N>x<DIM> and is replaced unless
# --skip-load is given (then it must exist). Queries are 1,000 random vectors cycled through.
set -eu

URL=http://127.0.0.1:6333
N=100000
DIM=128
CONNECTIONS="1 8 64"
SECONDS_EACH=20
API_KEY=
LOAD=yes
while [ $# -gt 0 ]; do
    case "$1" in
        -u) URL=$2; shift 2 ;;
        -n) N=$2; shift 2 ;;
        -d) DIM=$2; shift 2 ;;
        -c) CONNECTIONS=$2; shift 2 ;;
        -t) SECONDS_EACH=$2; shift 2 ;;
        -k) API_KEY=$2; shift 2 ;;
        --skip-load) LOAD=no; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
COLLECTION=load_${N}x${DIM}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

call() { # method path [body file]
    if [ -n "$API_KEY" ]; then set -- "$@" -H "api-key: $API_KEY"; fi
    method=$1; path=$2; shift 2
    if [ $# -gt 0 ] && [ -f "$1" ]; then body=$1; shift; set -- "$@" --data-binary "@$body"; fi
    curl -sS -f -X "$method" -H 'Content-Type: application/json' "$@" "$URL$path" > /dev/null
}

# Random vectors as JSON arrays, one per line: random_vectors COUNT SEED
random_vectors() {
    awk -v n="$1" -v d="$DIM" -v seed="$2" 'BEGIN { srand(seed);
        for (i = 0; i < n; i++) { printf "["; for (j = 0; j < d; j++) printf "%s%.5f", (j ? "," : ""), rand() * 2 - 1; print "]" } }'
}

if [ "$LOAD" = yes ]; then
    call DELETE "/collections/$COLLECTION" || true
    printf '{"vectors": {"size": %d, "distance": "Euclid"}}' "$DIM" > "$WORK/create.json"
    call PUT "/collections/$COLLECTION" "$WORK/create.json"
    start=$(date +%s)
    batch=1000
    from=0
    while [ "$from" -lt "$N" ]; do
        count=$((N - from < batch ? N - from : batch))
        random_vectors "$count" "$((from + 1))" | awk -v from="$from" '
            BEGIN { printf "{\"points\": [" } { printf "%s{\"id\": %d, \"vector\": %s}", (NR > 1 ? "," : ""), from + NR - 1, $0 }
            END { print "]}" }' > "$WORK/batch.json"
        call PUT "/collections/$COLLECTION/points?wait=true" "$WORK/batch.json"
        from=$((from + count))
    done
    echo "loaded $N points of $DIM dimensions into $COLLECTION in $(( $(date +%s) - start )) s"
fi

# wrk reads the query bodies from a Lua table and reports the percentiles wrk's --latency omits (p95).
{
    echo 'local bodies = {'
    random_vectors 1000 999999 | awk '{ printf "[[{\"vector\": %s, \"limit\": 10}]],\n", $0 }'
    echo '}'
    cat <<'LUA'
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
LUA
    if [ -n "$API_KEY" ]; then echo "wrk.headers[\"api-key\"] = \"$API_KEY\""; fi
    cat <<'LUA'
request = function()
    i = i % #bodies + 1
    return wrk.format(nil, nil, nil, bodies[i])
end
done = function(summary, latency, requests)
    local errors = summary.errors.status + summary.errors.connect + summary.errors.read
        + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f rps=%.0f requests=%d errors=%d\n",
        latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
        summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
LUA
} > "$WORK/search.lua"

echo "| connections | p50 ms | p95 ms | p99 ms | requests/s | errors |"
echo "|---:|---:|---:|---:|---:|---:|"
for c in $CONNECTIONS; do
    threads=$((c < 2 ? c : 2))
    wrk -t "$threads" -c "$c" -d "${SECONDS_EACH}s" -s "$WORK/search.lua" "$URL/collections/$COLLECTION/points/search" \
        | awk -v c="$c" '/^RESULT/ { split($0, f, /[ =]/);
            printf "| %d | %s | %s | %s | %s | %s |\n", c, f[3], f[5], f[7], f[9], f[13] }'
done
