// Helpers shared by the CUDA kernels: the per-row log-sum-exp state and its merge, block reductions, and
// typed element access to fp32 / bf16 rows with 16-byte vector loads where the layout allows them.
#pragma once

#include <cuda_runtime.h>
#include <math.h>
#include <stdint.h>

#include <type_traits>

#include "heed_kernels.h"
#include "heed_math.h"

namespace heed {

constexpr int kRowThreads = 512;   // one block per row of logits
constexpr int kWarp = 32;

inline cudaStream_t as_stream(void* s) { return static_cast<cudaStream_t>(s); }

inline int launch_status() { return static_cast<int>(cudaGetLastError()); }

// Online log-sum-exp of z over a thread's share of a row: m = max, s = sum exp(z - m),
// w = sum exp(z - m) * (z - m). m = -inf means nothing finite was seen.
struct Lse {
    float m, s, w;
};

__device__ __forceinline__ Lse lse_empty() { return Lse{-INFINITY, 0.0f, 0.0f}; }

__device__ __forceinline__ Lse lse_merge(Lse a, Lse b) {
    if (a.m == -INFINITY) return b;
    if (b.m == -INFINITY) return a;
    float m = fmaxf(a.m, b.m);
    float da = a.m - m, db = b.m - m;
    float ea = __expf(da), eb = __expf(db);
    return Lse{m, a.s * ea + b.s * eb, ea * (a.w + a.s * da) + eb * (b.w + b.s * db)};
}

// Folds a group of k values: one rescale for the group, then one exp per value.
template <int K>
__device__ __forceinline__ void lse_fold(Lse& st, const float (&z)[K]) {
    float gm = z[0];
#pragma unroll
    for (int i = 1; i < K; i++) gm = fmaxf(gm, z[i]);
    if (gm == -INFINITY) return;
    if (gm > st.m) {
        if (st.m != -INFINITY) {
            float d = st.m - gm, e = __expf(d);
            st.w = e * (st.w + st.s * d);
            st.s *= e;
        }
        st.m = gm;
    }
#pragma unroll
    for (int i = 0; i < K; i++) {
        float d = z[i] - st.m;
        float e = d < HEED_EXP_FLOOR ? 0.0f : __expf(d);
        st.s += e;
        st.w += e * fmaxf(d, HEED_EXP_FLOOR);
    }
}

__device__ __forceinline__ Lse warp_merge(Lse v) {
#pragma unroll
    for (int off = kWarp / 2; off > 0; off >>= 1) {
        Lse o{__shfl_xor_sync(0xffffffffu, v.m, off), __shfl_xor_sync(0xffffffffu, v.s, off),
              __shfl_xor_sync(0xffffffffu, v.w, off)};
        v = lse_merge(v, o);
    }
    return v;
}

// Block-wide merge; every thread gets the result.
__device__ __forceinline__ Lse block_merge(Lse v) {
    __shared__ Lse partial[kWarp];
    __shared__ Lse total;
    int lane = threadIdx.x % kWarp, warp = threadIdx.x / kWarp;
    v = warp_merge(v);
    if (lane == 0) partial[warp] = v;
    __syncthreads();
    if (warp == 0) {
        int warps = (blockDim.x + kWarp - 1) / kWarp;
        Lse p = lane < warps ? partial[lane] : lse_empty();
        p = warp_merge(p);
        if (lane == 0) total = p;
    }
    __syncthreads();
    Lse r = total;
    __syncthreads();
    return r;
}

template <typename T>
__device__ __forceinline__ T warp_sum(T v) {
#pragma unroll
    for (int off = kWarp / 2; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
    return v;
}

// Block-wide sum of N values at once; every thread gets the result.
template <typename T, int N>
__device__ __forceinline__ void block_sum(T (&v)[N]) {
    __shared__ T partial[N][kWarp];
    int lane = threadIdx.x % kWarp, warp = threadIdx.x / kWarp, warps = (blockDim.x + kWarp - 1) / kWarp;
#pragma unroll
    for (int k = 0; k < N; k++) {
        v[k] = warp_sum(v[k]);
        if (lane == 0) partial[k][warp] = v[k];
    }
    __syncthreads();
#pragma unroll
    for (int k = 0; k < N; k++) {
        T p = lane < warps ? partial[k][lane] : T(0);
        v[k] = warp_sum(p);
    }
    __syncthreads();
}

// Element access for the two logits dtypes. A "vector" is 16 bytes: 4 floats or 8 bf16.
template <int DTYPE> struct Elem;

template <> struct Elem<HEED_F32> {
    static constexpr int kVec = 4;
    static constexpr int kBytes = 4;
    __device__ static float load(const void* p, int64_t j) { return static_cast<const float*>(p)[j]; }
    __device__ static void store(void* p, int64_t j, float v) { static_cast<float*>(p)[j] = v; }
    __device__ static void load_vec(const void* p, int64_t j, float (&z)[kVec]) {
        float4 q = *reinterpret_cast<const float4*>(static_cast<const float*>(p) + j);
        z[0] = q.x; z[1] = q.y; z[2] = q.z; z[3] = q.w;
    }
    __device__ static void store_vec(void* p, int64_t j, const float (&z)[kVec]) {
        *reinterpret_cast<float4*>(static_cast<float*>(p) + j) = make_float4(z[0], z[1], z[2], z[3]);
    }
};

template <> struct Elem<HEED_BF16> {
    static constexpr int kVec = 8;
    static constexpr int kBytes = 2;
    __device__ static float load(const void* p, int64_t j) { return heed_bf16_to_f32(static_cast<const uint16_t*>(p)[j]); }
    __device__ static void store(void* p, int64_t j, float v) { static_cast<uint16_t*>(p)[j] = heed_f32_to_bf16(v); }
    __device__ static void load_vec(const void* p, int64_t j, float (&z)[kVec]) {
        uint4 q = *reinterpret_cast<const uint4*>(static_cast<const uint16_t*>(p) + j);
        const uint32_t w[4] = {q.x, q.y, q.z, q.w};
#pragma unroll
        for (int i = 0; i < 4; i++) {
            z[2 * i] = __uint_as_float(w[i] << 16);
            z[2 * i + 1] = __uint_as_float(w[i] & 0xFFFF0000u);
        }
    }
    __device__ static void store_vec(void* p, int64_t j, const float (&z)[kVec]) {
        uint32_t w[4];
#pragma unroll
        for (int i = 0; i < 4; i++)
            w[i] = (uint32_t) heed_f32_to_bf16(z[2 * i]) | ((uint32_t) heed_f32_to_bf16(z[2 * i + 1]) << 16);
        *reinterpret_cast<uint4*>(static_cast<uint16_t*>(p) + j) = make_uint4(w[0], w[1], w[2], w[3]);
    }
};

template <int DTYPE>
__device__ __forceinline__ const void* row_at(const void* base, int64_t r, int64_t ld) {
    return static_cast<const char*>(base) + r * ld * Elem<DTYPE>::kBytes;
}

// Rows can use 16-byte vectors when the base and every row start are 16-byte aligned.
inline bool vector_ok(const void* base, int64_t ld, int bytes) {
    return (reinterpret_cast<uintptr_t>(base) % 16 == 0) && ((ld * bytes) % 16 == 0);
}

}  // namespace heed
