#!/usr/bin/env bash
# Times reframe against jrnl (https://jrnl.sh) on the same generated entries, side by side in one
# session: list the newest 20, search for a word, export everything as JSON.
#
#   scripts/compare_jrnl.sh [COUNT] [SEED] [WORD]      # defaults: 10000 7 leave
#
# It builds reframe (release), writes a history with `examples/gen_history` both as reframe's
# exchange JSON and as a jrnl plain-text journal (`--jrnl`), imports the JSON into a private data
# dir, installs jrnl from PyPI into a private virtualenv, and points jrnl at the journal through
# its own config file (`--config-file`), with XDG_CONFIG_HOME / XDG_DATA_HOME / HOME in the temp
# dir too, so nothing of yours is read or touched. Everything lives in one temp dir, removed at
# the end (KEEP=1 keeps it). Timing uses hyperfine when installed (apt-get install hyperfine),
# otherwise a loop; both report medians. It prints a Markdown table. Not run by CI.
set -euo pipefail

COUNT=${1:-10000}
SEED=${2:-7}
WORD=${3:-leave}
RUNS=${RUNS:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/reframe-vs-jrnl.XXXXXX")
chmod 700 "$WORK"
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

echo "== building reframe and the generator" >&2
(cd "$ROOT" && cargo build --release --quiet --bin reframe --example gen_history)
TARGET=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
REFRAME="$TARGET/release/reframe"
"$TARGET/release/examples/gen_history" --count "$COUNT" --seed "$SEED" \
    --out "$WORK/history.json" --jrnl "$WORK/journal.txt"

echo "== importing into a private reframe data dir" >&2
export REFRAME_DATA_DIR="$WORK/reframe-data" REFRAME_CONFIG_DIR="$WORK/reframe-config"
"$REFRAME" import "$WORK/history.json" >&2
"$REFRAME" list --limit 1 >/dev/null # builds the index once, as any first use would

echo "== installing jrnl into a private virtualenv" >&2
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check jrnl
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
cat >"$WORK/jrnl.yaml" <<EOF
colors: {body: none, date: none, tags: none, title: none}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $WORK/journal.txt
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: $("$WORK/venv/bin/jrnl" --version 2>/dev/null | head -1 | awk '{print $2}')
EOF
JRNL="$WORK/venv/bin/jrnl --config-file $WORK/jrnl.yaml"
found=$($JRNL --format json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["entries"]))')
echo "jrnl reads $found entries" >&2
[ "$found" = "$COUNT" ] || { echo "jrnl read $found entries, expected $COUNT" >&2; exit 1; }

# median_ms COMMAND: the median wall time of RUNS runs, in milliseconds (output discarded).
median_ms() {
    if command -v hyperfine >/dev/null; then
        hyperfine --style none --warmup 2 --runs "$RUNS" --export-json "$WORK/t.json" "$1" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$WORK/t.json"
    else
        local times=()
        for _ in $(seq "$RUNS"); do
            local start end
            start=$(date +%s%N)
            bash -c "$1" >/dev/null 2>&1
            end=$(date +%s%N)
            times+=($(((end - start) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n \
            | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f\n", m/1000}'
    fi
}

echo
echo "$COUNT entries, median of $RUNS runs ($(nproc) cores, $(command -v hyperfine >/dev/null && echo hyperfine || echo loop)):"
echo
echo "| task | jrnl | reframe | reframe is |"
echo "| --- | ---: | ---: | ---: |"
row() {
    local jrnl_ms reframe_ms
    jrnl_ms=$(median_ms "$2")
    reframe_ms=$(median_ms "$3")
    echo "| $1 | ${jrnl_ms} ms | ${reframe_ms} ms | $(python3 -c "print('%.0f× faster' % ($jrnl_ms / $reframe_ms))") |"
}
row "list the newest 20 (\`jrnl -n 20\` / \`reframe list --limit 20\`)" \
    "$JRNL -n 20" "$REFRAME list --limit 20"
row "search \`$WORD\` (\`jrnl -contains\` / \`reframe list --grep\`)" \
    "$JRNL -contains $WORD" "$REFRAME list --grep $WORD"
row "export everything as JSON (\`jrnl --format json\` / \`reframe export --format json\`)" \
    "$JRNL --format json" "$REFRAME export --format json"
