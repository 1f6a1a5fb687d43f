// CPU log-prob over the vocabulary: an online log-sum-exp (with entropy) in one read of each row, and
// the softmax gradient in one read and one write. Rows run in parallel (OpenMP, sharing libtorch's
// libgomp); inside a row, blocks small enough to stay in L1 are converted to scaled fp32, and the max and
// exp-sum loops over a block are plain loops the compiler vectorizes (target_clones picks AVX-512 or AVX2
// at load time).
#include "heed_kernels.h"
#include "heed_math.h"
#include "cpu_simd.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace {

constexpr int64_t kBlock = 2048;
constexpr float kNegInf = -std::numeric_limits<float>::infinity();

inline void load_scaled(const void* src, int dtype, int64_t len, float inv_temp, float* z) {
    if (dtype == HEED_BF16) {
        const uint16_t* s = static_cast<const uint16_t*>(src);
        for (int64_t i = 0; i < len; i++) z[i] = heed_bf16_to_f32(s[i]) * inv_temp;
    } else {
        const float* s = static_cast<const float*>(src);
        for (int64_t i = 0; i < len; i++) z[i] = s[i] * inv_temp;
    }
}

inline float element(const void* row, int dtype, int64_t j) {
    return dtype == HEED_BF16 ? heed_bf16_to_f32(static_cast<const uint16_t*>(row)[j])
                              : static_cast<const float*>(row)[j];
}

inline const void* row_ptr(const void* base, int dtype, int64_t r, int64_t ld) {
    return static_cast<const char*>(base) + r * ld * (dtype == HEED_BF16 ? 2 : 4);
}

// Running state of one row: m = max z, s = sum exp(z - m), w = sum exp(z - m) * (z - m).
struct Lse {
    double m, s, w;
};

// Folds len logits into st. Blocks are folded with one rescale each, so exp runs once per element.
HEED_CLONES void fold_row(const void* row, int dtype, int64_t len, float inv_temp, Lse& st) {
    alignas(64) float z[kBlock];
    for (int64_t j0 = 0; j0 < len; j0 += kBlock) {
        int64_t n = std::min(kBlock, len - j0);
        load_scaled(row_ptr(row, dtype, j0, 1), dtype, n, inv_temp, z);
        float bm = kNegInf;
#pragma omp simd reduction(max : bm)
        for (int64_t i = 0; i < n; i++) bm = std::max(bm, z[i]);
        if (bm == kNegInf) continue;  // the whole block is -inf: adds nothing
        if (bm > st.m) {
            if (st.m != -std::numeric_limits<double>::infinity()) {
                double shift = st.m - bm, scale = std::exp(shift);
                st.w = scale * (st.w + st.s * shift);
                st.s *= scale;
            }
            st.m = bm;
        }
        float m = (float) st.m, bs = 0.0f, bw = 0.0f;
#pragma omp simd reduction(+ : bs, bw)
        for (int64_t i = 0; i < n; i++) {
            float d = z[i] - m;
            float e = heed_exp_nonpos(d);
            bs += e;
            bw += e * std::max(d, HEED_EXP_FLOOR);
        }
        st.s += bs;
        st.w += bw;
    }
}

// Targets >= V are the caller's error; they are treated as ignored here rather than read out of bounds.
inline bool valid_target(int64_t t, int64_t v) { return t >= 0 && t < v; }

// lse = m + log s; entropy = log s - w / s; logp = z_t - lse. A row of only -inf has lse = -inf.
inline void finish(const Lse& st, bool has_target, double zt, float* logp, float* entropy, double* lse) {
    if (st.s <= 0.0) {
        *lse = -std::numeric_limits<double>::infinity();
        if (entropy) *entropy = 0.0f;
        *logp = has_target ? kNegInf : 0.0f;
        return;
    }
    double log_s = std::log(st.s);
    double l = st.m + log_s;
    *lse = l;
    if (entropy) *entropy = (float) (log_s - st.w / st.s);
    *logp = has_target ? (float) (zt - l) : 0.0f;
}

HEED_CLONES void backward_row(const void* row, int dtype, int64_t vc, int64_t col_t, float inv_temp, double lse,
                              float h, float gl, float gh, void* out) {
    if (lse == -std::numeric_limits<double>::infinity()) {  // nothing is reachable: no gradient
        std::memset(out, 0, vc * (dtype == HEED_BF16 ? 2 : 4));
        return;
    }
    // The target's logit is read before the loop because the output may overwrite the input.
    float zt = col_t >= 0 ? element(row, dtype, col_t) * inv_temp : 0.0f;
    // lse as hi + lo floats: z - hi is exact near the top of the row, where p is large.
    const float hi = (float) lse, lo = (float) (lse - (double) hi);
    alignas(64) float z[kBlock];
    for (int64_t j0 = 0; j0 < vc; j0 += kBlock) {
        int64_t n = std::min(kBlock, vc - j0);
        load_scaled(row_ptr(row, dtype, j0, 1), dtype, n, inv_temp, z);
#pragma omp simd
        for (int64_t i = 0; i < n; i++) {
            float lp = (z[i] - hi) - lo;
            float p = heed_exp_nonpos(lp);
            z[i] = inv_temp * (-gl * p - gh * p * (std::max(lp, HEED_EXP_FLOOR) + h));
        }
        if (dtype == HEED_BF16) {
            uint16_t* o = static_cast<uint16_t*>(out) + j0;
            for (int64_t i = 0; i < n; i++) o[i] = heed_f32_to_bf16(z[i]);
        } else {
            std::memcpy(static_cast<float*>(out) + j0, z, n * sizeof(float));
        }
    }
    if (col_t >= 0) {
        float lp = (zt - hi) - lo, p = heed_exp_nonpos(lp);
        float d = inv_temp * (gl * (1.0f - p) - gh * p * (std::max(lp, HEED_EXP_FLOOR) + h));
        if (dtype == HEED_BF16) static_cast<uint16_t*>(out)[col_t] = heed_f32_to_bf16(d);
        else static_cast<float*>(out)[col_t] = d;
    }
}

}  // namespace

extern "C" {

void heed_cpu_logprob_forward(const void* logits, int dtype, int64_t n, int64_t v, int64_t ld,
                              const int64_t* targets, float inv_temp,
                              float* logp, float* entropy, double* lse, int threads) {
#pragma omp parallel for schedule(dynamic, 4) num_threads(threads) if (threads > 1 && n > 1)
    for (int64_t r = 0; r < n; r++) {
        const void* row = row_ptr(logits, dtype, r, ld);
        Lse st{-std::numeric_limits<double>::infinity(), 0.0, 0.0};
        fold_row(row, dtype, v, inv_temp, st);
        bool has = valid_target(targets[r], v);
        double zt = has ? (double) (element(row, dtype, targets[r]) * inv_temp) : 0.0;
        finish(st, has, zt, &logp[r], entropy ? &entropy[r] : nullptr, &lse[r]);
    }
}

void heed_cpu_lse_chunk(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                        const int64_t* targets, float inv_temp, double* state, int first, int threads) {
#pragma omp parallel for schedule(dynamic, 4) num_threads(threads) if (threads > 1 && n > 1)
    for (int64_t r = 0; r < n; r++) {
        const void* row = row_ptr(logits, dtype, r, ld);
        double* s = state + r * HEED_LSE_STATE;
        Lse st = first ? Lse{-std::numeric_limits<double>::infinity(), 0.0, 0.0} : Lse{s[0], s[1], s[2]};
        fold_row(row, dtype, vc, inv_temp, st);
        s[0] = st.m;
        s[1] = st.s;
        s[2] = st.w;
        int64_t col = targets[r] - v0;
        if (first) s[3] = 0.0;
        if (col >= 0 && col < vc) s[3] = (double) (element(row, dtype, col) * inv_temp);
    }
}

void heed_cpu_lse_finish(int64_t n, int64_t v, const int64_t* targets, const double* state,
                         float* logp, float* entropy, double* lse) {
    for (int64_t r = 0; r < n; r++) {
        const double* s = state + r * HEED_LSE_STATE;
        finish(Lse{s[0], s[1], s[2]}, valid_target(targets[r], v), s[3], &logp[r],
               entropy ? &entropy[r] : nullptr, &lse[r]);
    }
}

void heed_cpu_logprob_backward(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                               const int64_t* targets, float inv_temp, const double* lse, const float* entropy,
                               const float* g_logp, const float* g_entropy,
                               void* dlogits, int64_t ld_out, int threads) {
#pragma omp parallel for schedule(dynamic, 4) num_threads(threads) if (threads > 1 && n > 1)
    for (int64_t r = 0; r < n; r++) {
        int64_t col = targets[r] - v0;
        bool has = targets[r] >= 0 && col >= 0 && col < vc;
        float gl = g_logp && targets[r] >= 0 ? g_logp[r] : 0.0f;
        float gh = g_entropy ? g_entropy[r] : 0.0f;
        float h = entropy ? entropy[r] : 0.0f;
        void* out = const_cast<void*>(row_ptr(dlogits, dtype, r, ld_out));
        backward_row(row_ptr(logits, dtype, r, ld), dtype, vc, has ? col : -1, inv_temp, lse[r], h, gl, gh, out);
    }
}

}  // extern "C"
