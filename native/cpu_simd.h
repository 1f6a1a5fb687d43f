// Building blocks of the CPU kernels: multi-architecture clones, a vectorizable exp, and 16-lane float
// vectors (GCC vector extensions: one AVX-512 register, two AVX2 registers, four SSE registers).
#ifndef HEED_CPU_SIMD_H
#define HEED_CPU_SIMD_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "heed_math.h"

// Built for AVX-512, AVX2 and baseline x86-64; the loader picks one for the machine.
#define HEED_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
// Helpers inlined into the clones, so they are compiled for each clone's instruction set.
#define HEED_INLINE static inline __attribute__((always_inline))

// Vector helpers are always inlined, so their vector ABI never crosses a call.
#pragma GCC diagnostic ignored "-Wpsabi"

// exp(x) for x <= 0, vectorizable: 2^k * p(r) with r in [-ln2/2, ln2/2]; exact 0 below HEED_EXP_FLOOR
// (so -inf gives 0, not NaN). Relative error ~2 ulp.
HEED_INLINE float heed_exp_nonpos(float x) {
    float xc = std::max(x, HEED_EXP_FLOOR);
    float k = std::nearbyint(xc * 1.44269504088896341f);
    float r = xc - k * 0.693145751953125f - k * 1.428606765330187e-06f;
    float p = 1.0f / 5040 * r + 1.0f / 720;
    p = p * r + 1.0f / 120;
    p = p * r + 1.0f / 24;
    p = p * r + 1.0f / 6;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    int32_t bits = ((int32_t) k + 127) << 23;
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return x < HEED_EXP_FLOOR ? 0.0f : p * scale;
}

typedef float heed_v16 __attribute__((vector_size(64)));
typedef float heed_v8 __attribute__((vector_size(32)));
typedef float heed_v4 __attribute__((vector_size(16)));

HEED_INLINE heed_v16 heed_load16(const float* p) {
    heed_v16 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// Sum of the lanes as a tree of halves (a lane-by-lane loop would be 15 dependent scalar adds).
HEED_INLINE float heed_hsum(const heed_v16& v) {
    heed_v8 a, b;
    std::memcpy(&a, &v, sizeof a);
    std::memcpy(&b, reinterpret_cast<const char*>(&v) + sizeof a, sizeof b);
    heed_v8 s8 = a + b;
    heed_v4 c, d;
    std::memcpy(&c, &s8, sizeof c);
    std::memcpy(&d, reinterpret_cast<const char*>(&s8) + sizeof c, sizeof d);
    heed_v4 s4 = c + d;
    return (s4[0] + s4[2]) + (s4[1] + s4[3]);
}

#endif
