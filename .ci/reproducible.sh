#!/usr/bin/env bash
# Two builds of one commit must give byte-identical jars (project.build.outputTimestamp in pom.xml fixes the time
# of every jar entry). Builds HEAD twice, each in a fresh copy at its own path, without running the tests, and
# compares every jar the two builds made with cmp. Run from anywhere; uses the local Maven repository as is.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for copy in first second; do
  mkdir "$work/$copy"
  git archive HEAD | tar -x -C "$work/$copy"
  echo "reproducible.sh: building $(git rev-parse --short HEAD) in $work/$copy"
  if ! (cd "$work/$copy" && mvn -B -DskipTests package > "$work/$copy.log" 2>&1); then
    tail -n 60 "$work/$copy.log"
    echo "reproducible.sh: the $copy build failed" >&2
    exit 1
  fi
done

jars() { (cd "$work/$1" && find . -path '*/target/*.jar' -not -path '*/target/*/*' | sort); }
if [ "$(jars first)" != "$(jars second)" ]; then
  diff <(jars first) <(jars second) || true
  echo "reproducible.sh: the two builds made different sets of jars" >&2
  exit 1
fi

count=0
failed=0
for jar in $(jars first); do
  count=$((count + 1))
  if cmp -s "$work/first/$jar" "$work/second/$jar"; then
    echo "identical  $jar"
  else
    failed=1
    echo "DIFFERENT  $jar: entries whose size, CRC or time differ:"
    diff <(unzip -v "$work/first/$jar" | tail -n +4) <(unzip -v "$work/second/$jar" | tail -n +4) | head -n 20 || true
  fi
done

if [ "$count" -eq 0 ]; then
  echo "reproducible.sh: the builds made no jars" >&2
  exit 1
fi
if [ "$failed" -ne 0 ]; then
  echo "reproducible.sh: not reproducible; see the entries above" >&2
  exit 1
fi
echo "reproducible.sh: all $count jars are byte-identical"
