#!/usr/bin/env bash
# The build on Maven 3.9, beside the 3.8 that CI's `mvn -B verify` runs on (README, Compatibility). Fetches Apache
# Maven's binary distribution from Maven Central with the installed Maven, then builds this checkout with it from
# clean, without the tests the 3.8 build has just run: the processor on the runtime, -Werror, javadoc with doclint,
# the sources and javadoc jars, and the invoker's build of the README's consumer project
# (processor/src/it/readme-build), which the invoker runs with this same Maven 3.9. About half a minute here.
set -euo pipefail
cd "$(dirname "$0")/.."

version=3.9.16
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# copy, not unpack: unpack skips an archive that its markers under target/ say it unpacked before.
mvn -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
  -Dartifact="org.apache.maven:apache-maven:$version:tar.gz:bin" -DoutputDirectory="$work"
tar -xzf "$work/apache-maven-$version-bin.tar.gz" -C "$work"
home="$work/apache-maven-$version"
"$home/bin/mvn" -v
timeout 20m "$home/bin/mvn" -B -DskipTests -Dinvoker.mavenHome="$home" clean verify
echo "maven-3.9.sh: the project and the README's consumer project build on Maven $version"
