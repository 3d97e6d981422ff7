#!/usr/bin/env bash
# The portable llama.cpp engine Briefer installs and bundles: llama-cpp-python built once per
# machine with no CPU-specific flags, cached, and reused by every later clone or venv.
#
#   packaging/engine/build.sh PYTHON    prints the path of the cached wheel (building it if needed)
#
# Why: a default build uses -march=native, so the library only runs on CPUs like the build
# machine's (an AMX-capable Xeon build crashed elsewhere with SIGSEGV in ldtilecfg). This build
# uses llama.cpp's runtime CPU-variant dispatch (GGML_BACKEND_DL + GGML_CPU_ALL_VARIANTS): one
# libggml-cpu-<variant>.so per x86-64 level, from plain x86-64 to AVX-512 (zen4/icelake), and
# Briefer's model worker loads the best one the running CPU and OS support. The patch drops the
# AMX (sapphirerapids) variant and installs the variants beside libllama.so.
#
# The sdist is checked against its sha256 before it is built. The cache key covers the sdist,
# the patch and the build flags, so changing any of them builds a new wheel.
set -euo pipefail

PY=${1:?usage: build.sh PYTHON}
VERSION=0.3.36
SDIST_SHA256=832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e
HERE=$(cd "$(dirname "$0")" && pwd)
PATCH="$HERE/llama-cpp-python-$VERSION-portable.patch"
FLAGS="-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DGGML_OPENMP=OFF \
-DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF \
-DLLAMA_BUILD_SERVER=OFF"

key=$( { echo "$SDIST_SHA256"; sha256sum < "$PATCH"; echo "$FLAGS"; } | sha256sum | cut -c1-16)
cache_root=${BRIEFER_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/briefer/wheels}
cache="$cache_root/llama-cpp-python-$VERSION-portable-$key"

wheel=$(ls "$cache"/llama_cpp_python-*.whl 2>/dev/null | head -n 1 || true)
if [ -n "$wheel" ]; then
    echo "$wheel"
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "build.sh: building the portable llama.cpp engine once (about 8 minutes on 2 cores)…" >&2
"$PY" -m pip download -q --no-deps --no-binary :all: "llama-cpp-python==$VERSION" -d "$work" >&2
sdist="$work/llama_cpp_python-$VERSION.tar.gz"
got=$(sha256sum "$sdist" | cut -d' ' -f1)
if [ "$got" != "$SDIST_SHA256" ]; then
    echo "build.sh: $sdist has sha256 $got, expected $SDIST_SHA256; refusing to build it" >&2
    exit 1
fi
tar xzf "$sdist" -C "$work"
(cd "$work/llama_cpp_python-$VERSION" && patch -s -p1 < "$PATCH")
CMAKE_ARGS="$FLAGS" CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)} \
    "$PY" -m pip wheel -q --no-deps -w "$work/wheel" "$work/llama_cpp_python-$VERSION" >&2
mkdir -p "$cache_root"
# Publish atomically: a concurrent or interrupted build never leaves a half-written wheel.
tmp_cache=$(mktemp -d "$cache_root/.build-XXXXXX")
mv "$work"/wheel/*.whl "$tmp_cache/"
mv -T "$tmp_cache" "$cache" 2>/dev/null || rm -rf "$tmp_cache"
ls "$cache"/llama_cpp_python-*.whl | head -n 1
