// CUDA log-prob over the vocabulary: one block per row. Forward: one read of the row with an online
// log-sum-exp (and entropy); backward: one read and one write (possibly in place). The chunked variants
// serve the fused LM head, whose logits arrive a vocabulary chunk at a time.
#include "common.cuh"

using namespace heed;

namespace {

// A thread's online state over the columns [0, len) of one row; vector loads when `vec`.
template <int DTYPE>
__device__ Lse fold_row(const void* row, int64_t len, float inv_temp, bool vec) {
    using E = Elem<DTYPE>;
    Lse st = lse_empty();
    int64_t j0 = 0;
    if (vec) {
        int64_t nvec = len / E::kVec;
        for (int64_t q = threadIdx.x; q < nvec; q += blockDim.x) {
            float z[E::kVec];
            E::load_vec(row, q * E::kVec, z);
#pragma unroll
            for (int i = 0; i < E::kVec; i++) z[i] *= inv_temp;
            lse_fold(st, z);
        }
        j0 = nvec * E::kVec;
    }
    for (int64_t j = j0 + threadIdx.x; j < len; j += blockDim.x) {
        float z[1] = {E::load(row, j) * inv_temp};
        lse_fold(st, z);
    }
    return st;
}

// lse = m + log s; entropy = log s - w / s; logp = z_t - lse; a row of only -inf has lse = -inf.
__device__ void finish_row(double m, double s, double w, bool has_target, double zt, float* logp, float* entropy,
                           double* lse) {
    if (!(s > 0.0)) {
        *lse = -INFINITY;
        if (entropy) *entropy = 0.0f;
        *logp = has_target ? -INFINITY : 0.0f;
        return;
    }
    double log_s = log(s), l = m + log_s;
    *lse = l;
    if (entropy) *entropy = (float) (log_s - w / s);
    *logp = has_target ? (float) (zt - l) : 0.0f;
}

template <int DTYPE>
__global__ void __launch_bounds__(kRowThreads) logprob_forward(const void* logits, int64_t v, int64_t ld,
        const int64_t* targets, float inv_temp, float* logp, float* entropy, double* lse, bool vec) {
    int64_t r = blockIdx.x;
    const void* row = row_at<DTYPE>(logits, r, ld);
    Lse st = block_merge(fold_row<DTYPE>(row, v, inv_temp, vec));
    if (threadIdx.x == 0) {
        int64_t t = targets[r];
        bool has = t >= 0 && t < v;
        double zt = has ? (double) (Elem<DTYPE>::load(row, t) * inv_temp) : 0.0;
        finish_row(st.m, st.s, st.w, has, zt, &logp[r], entropy ? &entropy[r] : nullptr, &lse[r]);
    }
}

template <int DTYPE>
__global__ void __launch_bounds__(kRowThreads) lse_chunk(const void* logits, int64_t vc, int64_t ld, int64_t v0,
        const int64_t* targets, float inv_temp, double* state, int first, bool vec) {
    int64_t r = blockIdx.x;
    const void* row = row_at<DTYPE>(logits, r, ld);
    Lse c = block_merge(fold_row<DTYPE>(row, vc, inv_temp, vec));
    if (threadIdx.x != 0) return;
    double* s = state + r * HEED_LSE_STATE;
    double m = first ? -INFINITY : s[0], sum = first ? 0.0 : s[1], w = first ? 0.0 : s[2];
    if (c.m != -INFINITY) {
        // Merge the chunk into the running state in fp64.
        double cm = c.m, nm = fmax(m, cm);
        double da = m - nm, db = cm - nm;
        double ea = m == -INFINITY ? 0.0 : exp(da), eb = exp(db);
        double ws = m == -INFINITY ? 0.0 : ea * (w + sum * da);
        w = ws + eb * ((double) c.w + (double) c.s * db);
        sum = sum * ea + (double) c.s * eb;
        m = nm;
    }
    s[0] = m;
    s[1] = sum;
    s[2] = w;
    if (first) s[3] = 0.0;
    int64_t col = targets[r] - v0;
    if (targets[r] >= 0 && col >= 0 && col < vc) s[3] = (double) (Elem<DTYPE>::load(row, col) * inv_temp);
}

__global__ void lse_finish(int64_t n, int64_t v, const int64_t* targets, const double* state, float* logp,
                           float* entropy, double* lse) {
    int64_t r = blockIdx.x * (int64_t) blockDim.x + threadIdx.x;
    if (r >= n) return;
    const double* s = state + r * HEED_LSE_STATE;
    finish_row(s[0], s[1], s[2], targets[r] >= 0 && targets[r] < v, s[3], &logp[r],
               entropy ? &entropy[r] : nullptr, &lse[r]);
}

// inv_temp * (g_l * (onehot - p) - g_h * p * (log p + H)); the one-hot is added by the thread that owns
// the target's column, so the output may overwrite the input.
template <int DTYPE>
__global__ void __launch_bounds__(kRowThreads) logprob_backward(const void* logits, int64_t vc, int64_t ld,
        int64_t v0, const int64_t* targets, float inv_temp, const double* lse, const float* entropy,
        const float* g_logp, const float* g_entropy, void* dlogits, int64_t ld_out, bool vec) {
    using E = Elem<DTYPE>;
    int64_t r = blockIdx.x;
    const void* row = row_at<DTYPE>(logits, r, ld);
    void* out = const_cast<void*>(row_at<DTYPE>(dlogits, r, ld_out));
    double l = lse[r];
    int64_t t = targets[r];
    int64_t col = t >= 0 ? t - v0 : -1;
    float gl = g_logp && t >= 0 ? g_logp[r] : 0.0f;
    float gh = g_entropy ? g_entropy[r] : 0.0f, h = entropy ? entropy[r] : 0.0f;
    const bool dead = l == -INFINITY;
    const float hi = (float) l, lo = dead ? 0.0f : (float) (l - (double) hi);
    auto grad = [&](float x, int64_t j) {
        if (dead) return 0.0f;
        float lp = (x * inv_temp - hi) - lo;
        float p = lp < HEED_EXP_FLOOR ? 0.0f : __expf(lp);
        float d = -gl * p - gh * p * (fmaxf(lp, HEED_EXP_FLOOR) + h);
        if (j == col) d += gl;
        return inv_temp * d;
    };
    int64_t j0 = 0;
    if (vec) {
        int64_t nvec = vc / E::kVec;
        for (int64_t q = threadIdx.x; q < nvec; q += blockDim.x) {
            float z[E::kVec];
            E::load_vec(row, q * E::kVec, z);
#pragma unroll
            for (int i = 0; i < E::kVec; i++) z[i] = grad(z[i], q * E::kVec + i);
            E::store_vec(out, q * E::kVec, z);
        }
        j0 = nvec * E::kVec;
    }
    for (int64_t j = j0 + threadIdx.x; j < vc; j += blockDim.x) E::store(out, j, grad(E::load(row, j), j));
}

template <typename Launch>
int by_dtype(int dtype, Launch launch) {
    if (dtype == HEED_BF16) launch(Elem<HEED_BF16>{}, std::integral_constant<int, HEED_BF16>{});
    else launch(Elem<HEED_F32>{}, std::integral_constant<int, HEED_F32>{});
    return launch_status();
}

}  // namespace

extern "C" {

int heed_cuda_logprob_forward(const void* logits, int dtype, int64_t n, int64_t v, int64_t ld,
                              const int64_t* targets, float inv_temp,
                              float* logp, float* entropy, double* lse, void* stream) {
    if (n == 0) return 0;
    return by_dtype(dtype, [&](auto e, auto d) {
        bool vec = vector_ok(logits, ld, decltype(e)::kBytes);
        logprob_forward<decltype(d)::value><<<n, kRowThreads, 0, as_stream(stream)>>>(
                logits, v, ld, targets, inv_temp, logp, entropy, lse, vec);
    });
}

int heed_cuda_lse_chunk(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                        const int64_t* targets, float inv_temp, double* state, int first, void* stream) {
    if (n == 0) return 0;
    return by_dtype(dtype, [&](auto e, auto d) {
        bool vec = vector_ok(logits, ld, decltype(e)::kBytes);
        lse_chunk<decltype(d)::value><<<n, kRowThreads, 0, as_stream(stream)>>>(
                logits, vc, ld, v0, targets, inv_temp, state, first, vec);
    });
}

int heed_cuda_lse_finish(int64_t n, int64_t v, const int64_t* targets, const double* state,
                         float* logp, float* entropy, double* lse, void* stream) {
    if (n == 0) return 0;
    lse_finish<<<(n + 255) / 256, 256, 0, as_stream(stream)>>>(n, v, targets, state, logp, entropy, lse);
    return launch_status();
}

int heed_cuda_logprob_backward(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                               const int64_t* targets, float inv_temp, const double* lse, const float* entropy,
                               const float* g_logp, const float* g_entropy,
                               void* dlogits, int64_t ld_out, void* stream) {
    if (n == 0) return 0;
    return by_dtype(dtype, [&](auto e, auto d) {
        int bytes = decltype(e)::kBytes;
        bool vec = vector_ok(logits, ld, bytes) && vector_ok(dlogits, ld_out, bytes);
        logprob_backward<decltype(d)::value><<<n, kRowThreads, 0, as_stream(stream)>>>(
                logits, vc, ld, v0, targets, inv_temp, lse, entropy, g_logp, g_entropy, dlogits, ld_out, vec);
    });
}

}  // extern "C"
