#!/usr/bin/env bash
# A local VJVector cluster on loopback: one etcd member, one master, two replicas and one gateway,
# each a process of its own with its own port, data directory, node id and advertise URL.
#
#   scripts/cluster.sh start     build the application if needed, start everything, wait until ready
#   scripts/cluster.sh stop      stop what start started (by the PIDs it recorded), newest first
#   scripts/cluster.sh status    what runs, with each node's readiness
#
# Everything lives under target/local-cluster/ (LOCAL_CLUSTER_DIR): one directory per process
# with its data, log and PID file, and secrets.env with the generated cluster secret and API key
# (kept across restarts, so the data directories stay usable). Ports, all on 127.0.0.1:
#   LOCAL_CLUSTER_GATEWAY_PORT  6333 (Qdrant's port: clients reach the gateway with their defaults)
#   LOCAL_CLUSTER_NODE_PORT     6341; master on it, replicas on the next two
#   LOCAL_CLUSTER_ETCD_PORT     2379; etcd's peer port is the next one
# LOCAL_CLUSTER_READY_SECONDS (default 180) bounds the wait for each node; LOCAL_CLUSTER_JAVA_OPTS
# (default -Xmx512m) are given to every JVM; LOCAL_CLUSTER_JAR names another packaged application.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${LOCAL_CLUSTER_DIR:-$ROOT/target/local-cluster}"
JAR="${LOCAL_CLUSTER_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}"
GATEWAY_PORT="${LOCAL_CLUSTER_GATEWAY_PORT:-6333}"
NODE_PORT="${LOCAL_CLUSTER_NODE_PORT:-6341}"
ETCD_PORT="${LOCAL_CLUSTER_ETCD_PORT:-2379}"
ETCD_PEER_PORT=$((ETCD_PORT + 1))
READY_SECONDS="${LOCAL_CLUSTER_READY_SECONDS:-180}"
JAVA_OPTS="${LOCAL_CLUSTER_JAVA_OPTS:--Xmx512m}"
CLUSTER_NAME=local

# Start order; stop goes the other way. Each entry: name role port.
NODES=(
    "master-1 master $NODE_PORT"
    "replica-1 replica $((NODE_PORT + 1))"
    "replica-2 replica $((NODE_PORT + 2))"
    "gateway-1 gateway $GATEWAY_PORT"
)

usage() {
    echo "usage: $0 start|stop|status" >&2
    exit 2
}

say() {
    echo "cluster: $*"
}

fail() {
    echo "cluster: $*" >&2
    exit 1
}

# The PID recorded for a process, if that process still runs and is the one we started: a PID
# file outlives a reboot or a crash, and its number may since belong to someone else.
live_pid() {
    local name="$1" pidfile="$DIR/$1/pid" pid args
    [ -f "$pidfile" ] || return 1
    pid="$(cat "$pidfile")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    args="$(ps -ww -o args= -p "$pid" 2>/dev/null)" || return 1
    case "$args" in
        *"$DIR/$name/"*) return 0 ;; # every process gets its own directory on its command line
        *) return 1 ;;
    esac
}

print_pid() {
    cat "$DIR/$1/pid"
}

# Stops one process by its recorded PID: TERM, then KILL after a grace period (data nodes
# checkpoint on shutdown, which may take a while).
stop_one() {
    local name="$1" pid
    if ! live_pid "$name"; then
        [ -f "$DIR/$name/pid" ] && say "$name: not running (stale PID file removed)"
        rm -f "$DIR/$name/pid"
        return 0
    fi
    pid="$(print_pid "$name")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do
        live_pid "$name" || break
        sleep 0.1
    done
    if live_pid "$name"; then
        say "$name: still running 30 s after SIGTERM; sending SIGKILL to $pid"
        kill -KILL "$pid" 2>/dev/null || true
        while live_pid "$name"; do sleep 0.1; done
    fi
    rm -f "$DIR/$name/pid"
    say "$name: stopped (PID $pid)"
}

stop_all() {
    local i
    for ((i = ${#NODES[@]} - 1; i >= 0; i--)); do
        read -r name _ _ <<<"${NODES[$i]}"
        stop_one "$name"
    done
    stop_one etcd
}

http_code() {
    curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true
}

# Generated once, then reused: the nodes' data and every client's key stay valid across restarts.
ensure_secrets() {
    local secrets="$DIR/secrets.env"
    if [ ! -f "$secrets" ]; then
        (
            umask 077
            {
                echo "VJVECTOR_CLUSTER_SECRET=$(openssl rand -hex 32)"
                echo "VJVECTOR_AUTH_API_KEY=$(openssl rand -hex 24)"
            } >"$secrets"
        )
        say "generated the cluster secret and API key in $secrets"
    fi
    # shellcheck disable=SC1090
    . "$secrets"
}

ensure_jar() {
    if [ ! -f "$JAR" ]; then
        say "$JAR missing; building it (./mvnw package -DskipTests)"
        (cd "$ROOT" && ./mvnw -B -ntp -q package -DskipTests -Dnpm.install.skip=true)
    fi
}

start_etcd() {
    local dir="$DIR/etcd" url="http://127.0.0.1:$ETCD_PORT" peer="http://127.0.0.1:$ETCD_PEER_PORT"
    mkdir -p "$dir"
    # Short heartbeat and election timeouts: one member on loopback becomes leader in ~0.1 s.
    (cd "$dir" && exec etcd --name local --data-dir "$dir/data" \
        --listen-client-urls "$url" --advertise-client-urls "$url" \
        --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
        --initial-cluster "local=$peer" --initial-cluster-state new \
        --pre-vote=true --logger=zap --log-level=warn \
        --heartbeat-interval=10 --election-timeout=100 \
        >>"$dir/log" 2>&1) &
    echo $! >"$dir/pid"
    for _ in $(seq 1 100); do
        if [ "$(http_code "$url/health")" = 200 ]; then
            say "etcd: ready at $url (PID $(print_pid etcd))"
            return 0
        fi
        live_pid etcd || break
        sleep 0.1
    done
    tail -n 20 "$dir/log" >&2 || true
    return 1
}

start_node() {
    local name="$1" role="$2" port="$3" dir="$DIR/$1"
    mkdir -p "$dir/data" "$dir/tmp"
    # QUARKUS_HTTP_HOST: the cluster profiles bind to every interface; this cluster stays on loopback.
    # The node's own temporary directory also puts the node's directory on its command line,
    # which is how live_pid recognises the process.
    # shellcheck disable=SC2086
    (cd "$dir" && exec env \
        QUARKUS_PROFILE="$role" \
        QUARKUS_HTTP_HOST=127.0.0.1 \
        QUARKUS_HTTP_PORT="$port" \
        VJVECTOR_STORAGE_PATH="$dir/data" \
        VJVECTOR_AUTH_MODE=api-key \
        VJVECTOR_AUTH_API_KEY="$VJVECTOR_AUTH_API_KEY" \
        VJVECTOR_CLUSTER_SECRET="$VJVECTOR_CLUSTER_SECRET" \
        VJVECTOR_CLUSTER_NAME="$CLUSTER_NAME" \
        VJVECTOR_CLUSTER_ETCD_ENDPOINTS="http://127.0.0.1:$ETCD_PORT" \
        VJVECTOR_CLUSTER_NODE_ID="$name" \
        VJVECTOR_CLUSTER_ADVERTISE_URL="http://127.0.0.1:$port" \
        java --add-modules jdk.incubator.vector $JAVA_OPTS -Djava.io.tmpdir="$dir/tmp" -jar "$JAR" \
        >>"$dir/log" 2>&1) &
    echo $! >"$dir/pid"
}

# Waits until a node answers /q/health/ready; fails early when its process is gone.
await_ready() {
    local name="$1" port="$2" deadline=$((SECONDS + READY_SECONDS))
    while [ $SECONDS -lt $deadline ]; do
        if [ "$(http_code "http://127.0.0.1:$port/q/health/ready")" = 200 ]; then
            say "$name: ready at http://127.0.0.1:$port (PID $(print_pid "$name"))"
            return 0
        fi
        if ! live_pid "$name"; then
            echo "cluster: $name exited during start-up (log: $DIR/$name/log)" >&2
            # The reason is the innermost cause of the start-up failure; without one, the log's end.
            grep -E '^Caused by: ' "$DIR/$name/log" | tail -n 1 >&2 || tail -n 20 "$DIR/$name/log" >&2 || true
            return 1
        fi
        sleep 0.5
    done
    echo "cluster: $name not ready after $READY_SECONDS s (log: $DIR/$name/log)" >&2
    return 1
}

# Ports are checked before anything starts, so a clash names the port instead of a node failing.
check_ports_free() {
    local port
    for port in "$ETCD_PORT" "$ETCD_PEER_PORT" $(printf '%s\n' "${NODES[@]}" | awk '{print $3}'); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            fail "port $port on 127.0.0.1 is taken (set LOCAL_CLUSTER_*_PORT to move the cluster)"
        fi
    done
}

abort_start() {
    trap - INT TERM
    echo "cluster: start failed; stopping what was started" >&2
    stop_all
    exit 1
}

start() {
    local name
    for name in etcd $(printf '%s\n' "${NODES[@]}" | awk '{print $1}'); do
        live_pid "$name" && fail "$name already runs (PID $(print_pid "$name")); run '$0 stop' first"
    done
    command -v etcd >/dev/null || fail "etcd not found (Debian: apt-get install -y etcd-server)"
    command -v java >/dev/null || fail "java not found"
    command -v curl >/dev/null || fail "curl not found"
    command -v openssl >/dev/null || fail "openssl not found"
    mkdir -p "$DIR"
    check_ports_free
    ensure_jar
    ensure_secrets

    # From here on, a failure or an interrupt stops whatever was started: nothing is left behind.
    trap 'abort_start' INT TERM
    start_etcd || abort_start
    local node role port
    for node in "${NODES[@]}"; do
        read -r name role port <<<"$node"
        start_node "$name" "$role" "$port"
    done
    for node in "${NODES[@]}"; do
        read -r name role port <<<"$node"
        await_ready "$name" "$port" || abort_start
    done
    trap - INT TERM
    say "up: gateway http://127.0.0.1:$GATEWAY_PORT, API key in $DIR/secrets.env (VJVECTOR_AUTH_API_KEY)"
}

status() {
    local running=0 total=0 name role port line
    if live_pid etcd; then
        say "$(printf '%-10s %-8s PID %-7s %s' etcd etcd "$(print_pid etcd)" \
            "health $(http_code "http://127.0.0.1:$ETCD_PORT/health")")"
        running=$((running + 1))
    else
        say "$(printf '%-10s %-8s stopped' etcd etcd)"
    fi
    total=$((total + 1))
    for line in "${NODES[@]}"; do
        read -r name role port <<<"$line"
        total=$((total + 1))
        if live_pid "$name"; then
            say "$(printf '%-10s %-8s PID %-7s %s' "$name" "$role" "$(print_pid "$name")" \
                "http://127.0.0.1:$port ready $(http_code "http://127.0.0.1:$port/q/health/ready")")"
            running=$((running + 1))
        else
            say "$(printf '%-10s %-8s stopped' "$name" "$role")"
        fi
    done
    # LSB convention: 0 when everything runs, 3 when not.
    [ "$running" -eq "$total" ] || return 3
}

[ $# -eq 1 ] || usage
case "$1" in
    start) start ;;
    stop) stop_all ;;
    status) status ;;
    *) usage ;;
esac
