#!/usr/bin/env bash
# GPU check of the CUDA kernels (issue 4), self-contained for a lent H100/H200 with nvcc and PyTorch (no JVM,
# no Maven, no internet): builds cuda-kernels/ for sm_90 with nvcc, then bench/gpu/harness.py checks every
# CUDA op against PyTorch on the GPU and times each against PyTorch eager and the memory floor.
#   bench/gpu/check.sh [harness options, e.g. --tokens 16384 --reps 30 --skip-timing]
# Results: JSON lines on stdout, also written to $OUT/gpu-check.jsonl ($OUT defaults to target/gpu-check).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${OUT:-$ROOT/target/gpu-check}"
mkdir -p "$OUT/lib"

nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "nvidia-smi failed" >&2
HEED_CUDA_ARCHS="${HEED_CUDA_ARCHS:-90}" bash "$ROOT/cuda-kernels/build.sh" "$OUT/lib"

# The library links the CUDA runtime of the nvcc that built it; put that runtime on the loader's path.
NVCC="$(command -v nvcc || echo "${CUDA_HOME:-/usr/local/cuda}/bin/nvcc")"
CUDA_ROOT="$(dirname "$(dirname "$(readlink -f "$NVCC")")")"
export LD_LIBRARY_PATH="$CUDA_ROOT/lib64:$CUDA_ROOT/lib:${LD_LIBRARY_PATH:-}"

python3 "$HERE/heed_cuda.py" "$OUT/lib/libheedcuda.so" "$ROOT/native/heed_kernels.h"
PYTHONPATH="$HERE" python3 "$HERE/harness.py" --lib "$OUT/lib/libheedcuda.so" "$@" | tee "$OUT/gpu-check.jsonl"
