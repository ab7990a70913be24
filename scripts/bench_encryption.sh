#!/usr/bin/env bash
# Times reframe on one generated history, plain and encrypted: `list --limit 20` and a search
# (medians of 5 runs, in ms), `encrypt` and `decrypt` of the whole history, and the unlock
# alone (an empty encrypted history). Everything lives in one temp dir, removed at the end
# (KEEP=1 keeps it). Uses the release build in target/release. Not run by CI.
#
#   cargo build --release --bin reframe --example gen_history
#   scripts/bench_encryption.sh [COUNT]          # default 10000
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/target/release/reframe
G=$ROOT/target/release/examples/gen_history
N=${1:-10000}
W=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$W"' EXIT
cd "$W"
"$G" --count "$N" --seed 7 --out h.json >/dev/null
echo "pass words" > pass
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || echo "FAILED: $*" >&2; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
five() { for _ in 1 2 3 4 5; do ms "$@"; done | median; }
enc() { env REFRAME_PASSPHRASE_FILE=pass "$B" "$@"; }
echo "$N records; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "import (plain): $(ms "$B" import h.json --data-dir plain --config-dir c) ms"
"$B" list --limit 20 --data-dir plain --config-dir c >/dev/null
echo "plain list --limit 20, warm index: $(five "$B" list --limit 20 --data-dir plain --config-dir c) ms"
echo "plain list --grep, warm index: $(five "$B" list --grep nobody --limit 20 --data-dir plain --config-dir c) ms"
cp -a plain enc
echo "encrypt (with the key derivation): $(ms enc encrypt --data-dir enc --config-dir c) ms"
echo "encrypted list --limit 20: $(five enc list --limit 20 --data-dir enc --config-dir c) ms"
echo "encrypted list --grep: $(five enc list --grep nobody --limit 20 --data-dir enc --config-dir c) ms"
mkdir -p empty/records
enc encrypt --data-dir empty --config-dir c >/dev/null
echo "unlock only (empty encrypted history): $(five enc list --data-dir empty --config-dir c) ms"
echo "decrypt: $(ms enc decrypt --data-dir enc --config-dir c) ms"
