#!/usr/bin/env bash
# Whole-process performance figures on generated corpora.
#
#   scripts/bench.sh                 # 10k and 100k articles under /tmp
#   SIZES="10000" OUT=/var/tmp scripts/bench.sh
#
# For each size: generates the corpus (once; reused when present), then measures
# `flashpoint export --format json DIR` cold (empty cache dir) and warm (same cache dir again),
# wall time and peak RSS from /usr/bin/time -v, next to `cat` of the same files (the I/O floor).
# Then the in-process figures (benches/scale.rs: uncached/cold/warm load, Index::new, TUI open
# from the cache to the first 200×60 frame and the frame time after it, merge scaling) and, for
# the smallest size, recall and precision against the generated gold.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10000 100000"}
OUT=${OUT:-/tmp}
SEED=${SEED:-7}
MERGE=${MERGE:-1000000}

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time for peak RSS" >&2
    (apt-get install -y time || sudo apt-get install -y time) >/dev/null
fi

cargo build --release --quiet --bin flashpoint --example gen_corpus
cargo bench --no-run --quiet --bench scale 2>/dev/null
BIN=target/release/flashpoint
GEN=target/release/examples/gen_corpus
SCALE=$(ls -t target/release/deps/scale-* | grep -v '\.d$' | head -1)

# run LABEL CMD... -> "wall_s rss_mb"
measure() {
    local log
    log=$(mktemp)
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || { echo "failed: $*" >&2; tail -5 "$log" >&2; }
    local wall rss cpu
    wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep "Maximum resident set size" "$log" | awk '{printf "%.0f", $NF/1024}')
    cpu=$(grep -E "(User|System) time" "$log" | awk '{s+=$NF} END {printf "%.2f", s}')
    rm -f "$log"
    echo "$wall $rss $cpu"
}

rows=()
for n in $SIZES; do
    dir="$OUT/fp$n"
    if [ ! -f "$dir/gold.json" ]; then
        rm -rf "$dir"
        "$GEN" --articles "$n" --seed "$SEED" "$dir" >&2
    fi
    corpus="$dir/articles"
    mb=$(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
    cache=$(mktemp -d)
    read -r cat_s _ < <(measure sh -c "find '$corpus' -type f -print0 | xargs -0 cat")
    read -r cold_s cold_rss cold_cpu < <(FLASHPOINT_CACHE=$cache measure "$BIN" export --format json "$corpus")
    read -r warm_s warm_rss _ < <(FLASHPOINT_CACHE=$cache measure "$BIN" export --format json "$corpus")
    rm -rf "$cache"
    # In-process figures for this size (uncached/cold/warm load, TUI open to first frame, frame
    # time, search); the TUI-open time goes into the table.
    "$SCALE" "$corpus" --merge 4 | grep -v '^merge' >"$OUT/fp$n.scale.txt"
    tui_s=$(sed -n 's/.*TUI open (cached) to first frame [0-9x]*: \([0-9.]*\) s.*/\1/p' "$OUT/fp$n.scale.txt")
    frame_ms=$(sed -n 's/.*then \([0-9.]*\) ms per frame.*/\1/p' "$OUT/fp$n.scale.txt")
    rows+=("$n $mb $cat_s $cold_s $cold_rss $warm_s $warm_rss $cold_cpu ${tui_s:-0} ${frame_ms:-0}")
done

echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall times inflate under load; CPU s does not)"
echo "| articles | MB | cat (I/O floor) | export cold | MB/s cold | ×cat | CPU s cold | peak RSS cold | ×corpus | export warm | ×cat | peak RSS warm | TUI open (cached) to first frame | frame 200×60 |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for r in "${rows[@]}"; do
    read -r n mb cat_s cold_s cold_rss warm_s warm_rss cold_cpu tui_s frame_ms <<<"$r"
    awk -v n="$n" -v mb="$mb" -v c="$cat_s" -v cs="$cold_s" -v cr="$cold_rss" -v ws="$warm_s" -v wr="$warm_rss" -v cc="$cold_cpu" -v ts="$tui_s" -v fm="$frame_ms" 'BEGIN {
        c2 = (c > 0 ? c : 0.01)
        printf "| %d | %.1f | %.2f s | %.2f s | %.1f | %.0f | %.1f | %d MB | %.1f | %.2f s | %.0f | %d MB | %.2f s | %.1f ms |\n",
            n, mb, c, cs, mb / cs, cs / c2, cc, cr, cr / mb, ws, ws / c2, wr, ts, fm }'
done

echo
echo "In-process (benches/scale.rs):"
for n in $SIZES; do
    cat "$OUT/fp$n.scale.txt"
done
"$SCALE" --merge "$MERGE"

small=$(echo $SIZES | awk '{print $1}')
echo
echo "Eval of the $small-article corpus against its gold:"
# `head` closes the pipe before eval is done printing: that is not a failure of the run.
{ "$BIN" eval --gold "$OUT/fp$small/gold.json" "$OUT/fp$small/articles" 2>/dev/null || true; } | head -12
