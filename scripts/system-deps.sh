#!/usr/bin/env bash
# Installs the system packages the end-to-end tests need, with Debian's apt-get,
# when they are missing. `npm run test:e2e` and `npm run test:e2e:v1` call it, so
# `npm test` needs nothing installed by hand. Quick (no apt) when all are there.
#
#   bash scripts/system-deps.sh [--postgresql]
#
#   redis-server   queue-mode tests (test/e2e/lib/n8n.js looks in /usr/bin, /usr/local/bin)
#   chromium       editor tests (test/e2e/editor.test.js runs $WA_BSP_CHROMIUM or /usr/bin/chromium)
#   postgresql     only with --postgresql or WA_BSP_POSTGRESQL=1 (the e2e scripts pass it): queue-mode
#                  tests, which start a server of their own per n8n instance (test/e2e/lib/n8n.js runs
#                  /usr/lib/postgresql/<major>/bin/postgres as the package's postgres user) and stop it.
#                  Installed here, not started: a cluster the package starts on installing is stopped.
#
# As root it runs apt-get itself, otherwise through sudo; if neither works it says
# what to run and exits 1.
set -euo pipefail

log() { echo "[system-deps] $*" >&2; }

postgresql=${WA_BSP_POSTGRESQL:-0}
for arg in "$@"; do
	case "$arg" in
		--postgresql) postgresql=1 ;;
		*) echo "usage: $0 [--postgresql]" >&2; exit 2 ;;
	esac
done

has_redis() { [[ -x /usr/bin/redis-server || -x /usr/local/bin/redis-server ]]; }
# A browser named by WA_BSP_CHROMIUM is the caller's own: it is not ours to install.
has_chromium() { [[ -n ${WA_BSP_CHROMIUM:-} || -x /usr/bin/chromium ]]; }
has_postgresql() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }

missing() {
	has_redis || echo redis-server
	has_chromium || echo chromium
	if [[ $postgresql == 1 ]]; then has_postgresql || echo postgresql; fi
}

mapfile -t packages < <(missing)
if ((${#packages[@]} == 0)); then
	exit 0
fi

manual="apt-get update && apt-get install -y ${packages[*]}"
if ! command -v apt-get >/dev/null; then
	log "missing: ${packages[*]}, and there is no apt-get here. Install them, then run the tests again."
	exit 1
fi
if [[ $(id -u) -eq 0 ]]; then
	as_root=()
elif command -v sudo >/dev/null && { [[ -t 0 ]] || sudo -n true 2>/dev/null; }; then
	as_root=(sudo)
else
	log "missing: ${packages[*]}. Installing them needs root, and this is neither root nor able to use sudo."
	log "As root: $manual"
	exit 1
fi

log "installing ${packages[*]} with apt-get (about a minute)"
started=$SECONDS
apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)
if ! "${apt[@]}" update -qq || ! "${apt[@]}" install -y -qq "${packages[@]}" >/dev/null; then
	log "apt-get could not install ${packages[*]}; run it yourself: $manual"
	exit 1
fi

mapfile -t still < <(missing)
if ((${#still[@]})); then
	log "apt-get finished, but these are still missing: ${still[*]}"
	exit 1
fi
log "installed ${packages[*]} in $((SECONDS - started)) s"

# Debian's package makes a cluster "main" and, where services may start (not under Docker's
# policy-rc.d), starts it on port 5432. The tests use servers of their own: stop that one, so
# that the test command leaves no server running. (It is still enabled for the next boot.)
if [[ " ${packages[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null; then
	while read -r version cluster _ status _; do
		if [[ $status == online* ]]; then
			if "${as_root[@]}" pg_ctlcluster "$version" "$cluster" stop; then
				log "stopped the cluster $version/$cluster that the package started"
			else
				log "could not stop the cluster $version/$cluster that the package started (pg_ctlcluster $version $cluster stop)"
			fi
		fi
	done < <(pg_lsclusters -h 2>/dev/null || true)
fi
