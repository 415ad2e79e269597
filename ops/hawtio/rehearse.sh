#!/usr/bin/env bash
# Rehearses Hawtio against the service as an operator on this machine would use it: a real Hawtio 4
# (io.hawt:hawtio-war:4.2.0 in Jetty 12, org.eclipse.jetty:jetty-home:12.0.31, module ee10-deploy, both from Maven
# Central) connects without credentials to the Jolokia of a fresh `serve` (the built jar), and headless Chromium
# checks that the routes list, statistics, the route diagram and the route source show, and that stopping a route
# is refused without credentials. Prints each check as passed/failed; exits non-zero when one fails.
#
#   ops/hawtio/rehearse.sh                 # builds the jar if it is missing
#   SCREENSHOT=docs/images/hawtio-route-diagram.png ops/hawtio/rehearse.sh
#   APP_JAR=/path/to/ai-editor.jar ops/hawtio/rehearse.sh   # another build of the service
#
# Needs Java 17, Node.js 18+ and Chromium (/usr/bin/chromium; `apt-get install chromium` when missing). Hawtio and
# Jetty are cached in $HAWTIO_CACHE (default ~/.cache/ai-editor/hawtio), npm packages in ops/hawtio/node_modules.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${HAWTIO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-editor/hawtio}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
hawtio_version=4.2.0
jetty_version=12.0.31

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url, seconds, what
  for _ in $(seq "$2"); do curl -s -o /dev/null "$1" && return 0; sleep 1; done
  echo "rehearse: $3 did not answer at $1 within $2 s" >&2; return 1
}

if [ ! -x "$chromium" ]; then
  echo "rehearse: no Chromium at $chromium; installing Debian's chromium" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm ci --no-audit --no-fund --silent)

mkdir -p "$cache"
fetch() { # groupId:artifactId:version:packaging, file name
  [ -s "$cache/$2" ] && return 0
  (cd "$repo" && ./mvnw -B -q dependency:copy -Dartifact="$1" -DoutputDirectory="$cache")
}
fetch "io.hawt:hawtio-war:$hawtio_version:war" "hawtio-war-$hawtio_version.war"
fetch "org.eclipse.jetty:jetty-home:$jetty_version:tar.gz" "jetty-home-$jetty_version.tar.gz"
jetty_home="$cache/jetty-home-$jetty_version"
[ -d "$jetty_home" ] || tar -xzf "$cache/jetty-home-$jetty_version.tar.gz" -C "$cache"

jar="${APP_JAR:-$repo/target/ai-editor.jar}"
[ -s "$jar" ] || (cd "$repo" && ./mvnw -B -q package -DskipTests)

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Jetty base with the ee10 deployer and Hawtio as /hawtio
jetty_port="$(free_port)"
mkdir -p "$work/jetty/webapps"
(cd "$work/jetty" && java -jar "$jetty_home/start.jar" --add-modules=server,http,ee10-deploy >"$work/jetty-setup.log" 2>&1)
cp "$cache/hawtio-war-$hawtio_version.war" "$work/jetty/webapps/hawtio.war"
(cd "$work/jetty" && exec java -Dhawtio.authenticationEnabled=false -Dhawtio.proxyAllowlist=localhost,127.0.0.1 \
  -jar "$jetty_home/start.jar" "jetty.http.port=$jetty_port" "jetty.http.host=127.0.0.1" >"$work/jetty.log" 2>&1) &
pids+=("$!")

# the service, as `serve` runs, with operator credentials made up for this run
app_port="$(free_port)"
random() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
trigger_secret="$(random)"
(cd "$repo" && PORT="$app_port" TRIGGER_SECRET="$trigger_secret" JOLOKIA_USERNAME=operator JOLOKIA_PASSWORD="$(random)" \
  exec java -Daieditor.data-dir="$work/data" -Dschedule.enabled=false -jar "$jar" serve >"$work/serve.log" 2>&1) &
pids+=("$!")

wait_for "http://127.0.0.1:$app_port/observe/health/ready" 90 "the service"
wait_for "http://127.0.0.1:$jetty_port/hawtio/" 90 "Hawtio"

screenshot="${SCREENSHOT:-}"
case "$screenshot" in ''|/*) ;; *) screenshot="$repo/$screenshot" ;; esac
status=0
HAWTIO_URL="http://127.0.0.1:$jetty_port/hawtio/" APP_PORT="$app_port" TRIGGER_SECRET="$trigger_secret" \
  CHROMIUM="$chromium" SCREENSHOT="$screenshot" USER_DATA_DIR="$work/chromium" \
  FAILURE_SCREENSHOT="${FAILURE_SCREENSHOT:-}" \
  node "$here/rehearse.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  echo "rehearse: the service's log ends with:" >&2
  tail -n 20 "$work/serve.log" >&2
fi
exit "$status"
