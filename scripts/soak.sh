#!/usr/bin/env bash
# Soak test (not in CI): the release reader in tmux for DURATION seconds (default
# 1800) under random keys, wheel-free resizes and sidebar toggles, its memory
# (RSS) recorded every minute. Fails if the reader dies, grows by more than
# 20 % after the first minute, or does not quit cleanly at the end.
#
#   scripts/soak.sh [DURATION_SECONDS] [yuedu arguments...]
#
# Needs tmux. Writes target/soak/rss.csv and prints a summary line for the README.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-1800}
shift || true
cargo build --release --quiet
out=target/soak
mkdir -p "$out"
# A copy, so that a rebuild during the soak does not swap the binary under it.
binary=$PWD/$out/yuedu
cp target/release/yuedu "$binary"
session=yuedu-soak-$$
home=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$home"' EXIT

# Default: a folder with the bundled article and two files that fail to load.
if (( $# == 0 )); then
    mkdir -p "$home/articles"
    cp articles/*.md "$home/articles/"
    printf 'no front matter' > "$home/articles/broken.md"
    ln -s "$home/articles/loop.md" "$home/articles/loop.md"
    set -- "$home/articles"
fi
tmux new-session -d -s "$session" -x 100 -y 30 \
    "env HOME=$home XDG_CONFIG_HOME=$home $binary --ambiguous narrow $*; echo \"exit=\$?\" > $out/exit; sleep 5"
sleep 1
pid=$(pgrep -n -f "^$binary") || { echo "soak: yuedu did not start"; exit 1; }

# Keys that never leave the reader (no q, Ctrl-C or Ctrl-Z): moving, overlays,
# the library (Esc goes back to it, Enter opens), search and its prompt (/, n, N;
# the letters typed into it), the library's full-text search (F), articles (> <).
keys=(j k j j k Space b d u g G ']' '[' Tab BTab 1 2 3 4 5 t t Enter Enter Escape Escape
      '?' '?' '!' '!' s PageDown PageUp Down Up Home End / / n N '>' '<' F y i z h a n BSpace)
sizes=("100 30" "80 24" "120 40" "60 20" "15 5" "200 60" "100 30")

echo "minute,rss_kib" > "$out/rss.csv"
start=$(date +%s)
next_sample=$start
sent=0
while (( $(date +%s) - start < duration )); do
    now=$(date +%s)
    if (( now >= next_sample )); then
        rss=$(ps -o rss= -p "$pid" | tr -d ' ') || { echo "soak: yuedu died after $sent keys"; exit 1; }
        echo "$(( (now - start) / 60 )),$rss" >> "$out/rss.csv"
        next_sample=$(( next_sample + 60 ))
    fi
    if (( RANDOM % 200 == 0 )); then
        read -r w h <<< "${sizes[RANDOM % ${#sizes[@]}]}"
        tmux resize-window -t "$session" -x "$w" -y "$h"
    else
        tmux send-keys -t "$session" "${keys[RANDOM % ${#keys[@]}]}"
    fi
    sent=$(( sent + 1 ))
    kill -0 "$pid" 2>/dev/null || { echo "soak: yuedu died after $sent inputs"; exit 1; }
    sleep 0.02
done

rss=$(ps -o rss= -p "$pid" | tr -d ' ')
echo "$(( duration / 60 )),$rss" >> "$out/rss.csv"
# Close any prompt and overlay, then quit.
for _ in 1 2 3; do tmux send-keys -t "$session" Escape; sleep 0.3; done
if kill -0 "$pid" 2>/dev/null; then tmux send-keys -t "$session" q; fi
sleep 1
status=$(cat "$out/exit" 2>/dev/null || echo "exit=missing")

first=$(sed -n 3p "$out/rss.csv" | cut -d, -f2)   # after the first minute
max=$(tail -n +2 "$out/rss.csv" | cut -d, -f2 | sort -n | tail -1)
last=$(tail -1 "$out/rss.csv" | cut -d, -f2)
echo "soak: $(( duration / 60 )) min, $sent inputs, RSS after 1 min ${first} KiB, max ${max} KiB, last ${last} KiB, $status"
[[ $status == "exit=0" ]] || { echo "soak: did not quit cleanly"; exit 1; }
(( max <= first * 12 / 10 )) || { echo "soak: memory grew more than 20 %"; exit 1; }
