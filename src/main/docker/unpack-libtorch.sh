#!/usr/bin/env bash
# Unpacks the PyTorch native libraries and DJL's JNI bridge from the application's jars into fixed directories, so
# that the running container never extracts or downloads anything (its root file system can be read-only).
#
#   unpack-libtorch.sh LIB_DIR FLAVOR DEST
#     LIB_DIR  the fast-jar dependency folder (target/quarkus-app/lib/main)
#     FLAVOR   the PyTorch build the image is for: cpu or cu124 (must match the native jar that Maven packaged)
#     DEST     output folder; receives DEST/libtorch (for PYTORCH_LIBRARY_PATH) and DEST/cache (for ENGINE_CACHE_DIR)
#
# At run time DJL then needs: PYTORCH_LIBRARY_PATH=DEST/libtorch, PYTORCH_FLAVOR=FLAVOR, PYTORCH_VERSION=<the
# version printed at the end>, ENGINE_CACHE_DIR=DEST/cache and -Dai.djl.offline=true.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 LIB_DIR FLAVOR DEST" >&2
  exit 2
fi
lib_dir="$1"
flavor="$2"
dest="$3"
classifier="linux-x86_64"

shopt -s nullglob
native_jars=("$lib_dir"/ai.djl.pytorch.pytorch-native-*-"$classifier".jar)
jni_jars=("$lib_dir"/ai.djl.pytorch.pytorch-jni-*.jar)
engine_jars=("$lib_dir"/ai.djl.pytorch.pytorch-engine-*.jar)
if [[ ${#native_jars[@]} -ne 1 || ${#jni_jars[@]} -ne 1 || ${#engine_jars[@]} -ne 1 ]]; then
  echo "expected exactly one PyTorch native, jni and engine jar in $lib_dir" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# properties of the native jar (version=2.5.1-YYYYMMDD, flavor=cpu|cu124, libraries=...) and of the engine
# (the JDK's jar tool extracts, so the build needs nothing beyond a JDK and bash)
native_jar="$(realpath "${native_jars[0]}")"
jni_jar="$(realpath "${jni_jars[0]}")"
engine_jar="$(realpath "${engine_jars[0]}")"
(cd "$work" && jar xf "$native_jar" native/lib/pytorch.properties && jar xf "$engine_jar" pytorch-engine.properties)
prop() { sed -n "s/^$1=//p" "$2" | tr -d '\r'; }
jar_flavor="$(prop flavor "$work/native/lib/pytorch.properties")"
libraries="$(prop libraries "$work/native/lib/pytorch.properties")"
pytorch_version="$(prop pytorch_version "$work/pytorch-engine.properties")"
djl_version="$(prop djl_version "$work/pytorch-engine.properties")"
if [[ "$jar_flavor" != "$flavor" ]]; then
  echo "the packaged native jar is for '$jar_flavor', the image is for '$flavor' (build with -Pcuda for cu124)" >&2
  exit 1
fi

# the native libraries, flat, as PYTORCH_LIBRARY_PATH expects
mkdir -p "$dest/libtorch"
(cd "$work" && jar xf "$native_jar" "pytorch/$flavor/$classifier")
IFS=',' read -r -a files <<< "$libraries"
for f in "${files[@]}"; do
  mv "$work/pytorch/$flavor/$classifier/$f" "$dest/libtorch/$f"
done
test -f "$dest/libtorch/libtorch.so"

# the JNI bridge, where DJL looks for it before it would extract it: <cache>/pytorch/<version>-<flavor>-<classifier>/
jni_dir="$dest/cache/pytorch/$pytorch_version-$flavor-$classifier"
mkdir -p "$jni_dir"
(cd "$work" && jar xf "$jni_jar" "jnilib/$classifier/$flavor/libdjl_torch.so")
mv "$work/jnilib/$classifier/$flavor/libdjl_torch.so" "$jni_dir/$djl_version-libdjl_torch.so"
test -s "$jni_dir/$djl_version-libdjl_torch.so"

echo "unpacked PyTorch $pytorch_version ($flavor) for DJL $djl_version into $dest"
