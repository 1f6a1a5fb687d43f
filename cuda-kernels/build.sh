#!/usr/bin/env bash
# Builds cuda-kernels/*.cu into OUT_DIR/libheedcuda.so (sm_80 and sm_90, plus PTX for newer cards) when nvcc
# is installed; without nvcc it says so and succeeds, because every kernel also has a CPU version.
# Maven runs it at process-classes; bench/gpu/check.sh runs it on a GPU host.
#   HEED_NVCC=/path/to/nvcc    use this nvcc       HEED_NVCC=skip    never build
#   HEED_CUDA_ARCHS="90"       compute capabilities to build (default "80 90")
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT_DIR="${1:?usage: build.sh OUT_DIR [STAMP_DIR]}"
LIB="$OUT_DIR/libheedcuda.so"
# Records the architectures of the last build (kept out of OUT_DIR, which Maven packages into the jar).
STAMP="${2:-$OUT_DIR}/libheedcuda.archs"

NVCC="${HEED_NVCC:-}"
if [ "$NVCC" = skip ]; then echo "cuda-kernels: skipped (HEED_NVCC=skip)"; exit 0; fi
if [ -z "$NVCC" ]; then
  for candidate in "$(command -v nvcc || true)" "${CUDA_HOME:-/usr/local/cuda}/bin/nvcc" /usr/local/cuda/bin/nvcc; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then NVCC="$candidate"; break; fi
  done
fi
if [ -z "$NVCC" ]; then echo "cuda-kernels: nvcc not found, CUDA kernels not built (CPU kernels only)"; exit 0; fi

SOURCES=("$HERE"/*.cu)
[ -e "${SOURCES[0]}" ] || { echo "cuda-kernels: no .cu sources"; exit 0; }
ARCHS="${HEED_CUDA_ARCHS:-80 90}"

# Up to date when newer than every source and header it includes.
if [ -f "$LIB" ] && [ -z "$(find "$HERE" "$HERE/../native" -newer "$LIB" \( -name '*.cu' -o -name '*.cuh' -o -name '*.h' \) | head -n 1)" ] \
   && [ "$(cat "$STAMP" 2>/dev/null)" = "$ARCHS" ]; then
  echo "cuda-kernels: $LIB is up to date"; exit 0
fi

GENCODE=()
for a in $ARCHS; do GENCODE+=(-gencode "arch=compute_$a,code=sm_$a"); done
last="${ARCHS##* }"
GENCODE+=(-gencode "arch=compute_$last,code=compute_$last")

mkdir -p "$OUT_DIR"
echo "cuda-kernels: $NVCC -> $LIB (sm: $ARCHS)"
TMP="$LIB.tmp.$$"
trap 'rm -f "$TMP"' EXIT
# -cudart shared: use the CUDA runtime the process already has (libtorch's), not a second static copy.
"$NVCC" -std=c++17 -O3 -shared -Xcompiler -fPIC -cudart shared --expt-relaxed-constexpr \
  -I"$HERE/../native" "${GENCODE[@]}" -o "$TMP" "${SOURCES[@]}"
mv "$TMP" "$LIB"
mkdir -p "$(dirname "$STAMP")"
echo "$ARCHS" > "$STAMP"
