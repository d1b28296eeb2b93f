#!/usr/bin/env bash
# Runs the queue-mode end-to-end tests again and again, to show how often they pass on a loaded machine (issue 18):
#
#   bash scripts/repeat-queue-tests.sh RUNS [trigger-v2|trigger-v1|burst-v1 ...]
#
# trigger-vN: test/e2e/trigger.test.js's queue-mode test on n8n 2.x or 1.x; burst-v1: actions.test.js's queue-mode
# tests (one send, the CRM burst, the two tenants) on n8n 1.x. Build first (npm run build). Each run's output goes to
# $WA_BSP_REPEAT_DIR (default /tmp/wa-bsp-repeat), one summary line per run to its summary.txt. Load the machine
# beside it as you like (e.g. `node -e 'for(;;);' &` once per core, killed with SIGKILL afterwards).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:?usage: $0 RUNS [trigger-v2|trigger-v1|burst-v1 ...]}
shift
out=${WA_BSP_REPEAT_DIR:-/tmp/wa-bsp-repeat}
mkdir -p "$out"
for i in $(seq 1 "$runs"); do
	for test in "${@:-trigger-v2}"; do
		started=$SECONDS
		case "$test" in
			trigger-v2) node --test --test-concurrency=1 --test-timeout=900000 --test-name-pattern "in queue mode" test/e2e/trigger.test.js ;;
			trigger-v1) WA_BSP_N8N=v1 node --test --test-concurrency=1 --test-timeout=900000 --test-name-pattern "in queue mode" test/e2e/trigger.test.js ;;
			burst-v1) WA_BSP_N8N=v1 node --test --test-concurrency=1 --test-timeout=900000 --test-name-pattern "queue mode" test/e2e/actions.test.js ;;
			*) echo "unknown test $test" >&2; exit 2 ;;
		esac > "$out/$test-$i.log" 2>&1
		rc=$?
		retried=$(grep -c 'running the step again' "$out/$test-$i.log")
		echo "$test run $i: exit $rc in $((SECONDS - started)) s, steps run again after n8n lost an execution: $retried" | tee -a "$out/summary.txt"
	done
done
