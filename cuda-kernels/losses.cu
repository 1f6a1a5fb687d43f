// CUDA per-token losses: KL estimators, the fused PPO policy loss and group advantages. The per-token
// formulas come from native/heed_math.h, shared with the CPU kernels.
#include "common.cuh"

using namespace heed;

namespace {

constexpr int kThreads = 256;
// Per-row record in the policy-loss workspace: tokens, f * pg, f * kl, clipped, clipped_lower, approx_kl.
constexpr int kRowRecord = 6;

__global__ void kl_forward(const float* logp, const float* ref, int64_t n, int type, float* kl) {
    for (int64_t i = blockIdx.x * (int64_t) blockDim.x + threadIdx.x; i < n; i += (int64_t) gridDim.x * blockDim.x) {
        float d;
        kl[i] = heed_kl(logp[i], ref[i], type, &d);
    }
}

__global__ void kl_backward(const float* logp, const float* ref, int64_t n, int type, const float* g, float* dlogp) {
    for (int64_t i = blockIdx.x * (int64_t) blockDim.x + threadIdx.x; i < n; i += (int64_t) gridDim.x * blockDim.x) {
        float d;
        heed_kl(logp[i], ref[i], type, &d);
        dlogp[i] = g ? g[i] * d : d;
    }
}

int grid_for(int64_t n) {
    int64_t blocks = (n + kThreads - 1) / kThreads;
    return (int) (blocks < 4096 ? (blocks > 0 ? blocks : 1) : 4096);
}

// One block per sequence: its token count, then each token's loss and gradient weighted by the row factor.
__global__ void policy_rows(const float* logp, const float* old_logp, const float* advantages, int adv_per_token,
                            const float* mask, const float* ref_logp, int64_t t, float clip_low, float clip_high,
                            float dual_clip, float kl_coef, int kl_type, int aggregation, float* dlogp, float* rows) {
    const int64_t r = blockIdx.x, o = r * t;
    float count[1] = {0.0f};
    for (int64_t j = threadIdx.x; j < t; j += blockDim.x) count[0] += mask[o + j];
    block_sum(count);
    const float f = heed_row_factor(aggregation, count[0]);
    const bool with_kl = kl_coef != 0.0f && ref_logp;
    float acc[5] = {0, 0, 0, 0, 0};   // pg, kl, clipped, clipped_lower, approx_kl
    for (int64_t j = threadIdx.x; j < t; j += blockDim.x) {
        float m = mask[o + j];
        float a = adv_per_token ? advantages[o + j] : advantages[r];
        heed_pg_token p = heed_pg(logp[o + j], old_logp[o + j], a, clip_low, clip_high, dual_clip);
        float g = p.grad;
        if (with_kl) {
            float dk, k = heed_kl(logp[o + j], ref_logp[o + j], kl_type, &dk);
            acc[1] += m * k;
            g += kl_coef * dk;
        }
        dlogp[o + j] = f * m * g;
        acc[0] += m * p.loss;
        acc[2] += m * (float) p.clipped;
        acc[3] += m * (float) p.clipped_lower;
        acc[4] -= m * p.neg_kl;
    }
    block_sum(acc);
    if (threadIdx.x == 0) {
        float* rec = rows + r * kRowRecord;
        rec[0] = count[0];
        rec[1] = f * acc[0];
        rec[2] = f * acc[1];
        rec[3] = acc[2];
        rec[4] = acc[3];
        rec[5] = acc[4];
    }
}

// One block: totals over the rows (fp64), the aggregation's normaliser, and the statistics.
__global__ void policy_finish(const float* rows, int64_t b, int64_t t, float kl_coef, int aggregation,
                              float* stats, float* norm_out) {
    double acc[7] = {0, 0, 0, 0, 0, 0, 0};   // tokens, sequences, pg, kl, clipped, lower, approx
    for (int64_t r = threadIdx.x; r < b; r += blockDim.x) {
        const float* rec = rows + r * kRowRecord;
        acc[0] += rec[0];
        acc[1] += rec[0] > 0.0f ? 1.0 : 0.0;
        for (int k = 1; k < kRowRecord; k++) acc[k + 1] += rec[k];
    }
    block_sum(acc);
    if (threadIdx.x != 0) return;
    double norm = heed_normaliser(aggregation, acc[0], acc[1], t);
    double per_token = acc[0] > 0 ? 1.0 / acc[0] : 0.0;
    stats[HEED_STAT_PG_LOSS] = (float) (acc[2] * norm);
    stats[HEED_STAT_KL_LOSS] = (float) (acc[3] * norm);
    stats[HEED_STAT_LOSS] = (float) ((acc[2] + kl_coef * acc[3]) * norm);
    stats[HEED_STAT_CLIP_FRAC] = (float) (acc[4] * per_token);
    stats[HEED_STAT_CLIP_FRAC_LOWER] = (float) (acc[5] * per_token);
    stats[HEED_STAT_APPROX_KL] = (float) (acc[6] * per_token);
    stats[HEED_STAT_TOKENS] = (float) acc[0];
    stats[HEED_STAT_SEQUENCES] = (float) acc[1];
    *norm_out = (float) norm;
}

__global__ void scale(float* x, int64_t n, const float* factor) {
    const float f = *factor;
    for (int64_t i = blockIdx.x * (int64_t) blockDim.x + threadIdx.x; i < n; i += (int64_t) gridDim.x * blockDim.x)
        x[i] *= f;
}

// One thread per group of n rewards.
__global__ void group_advantages(const float* rewards, int64_t groups, int64_t n, float eps, int mode, float* out) {
    int64_t g = blockIdx.x * (int64_t) blockDim.x + threadIdx.x;
    if (g >= groups) return;
    const float* r = rewards + g * n;
    double sum = 0;
    for (int64_t i = 0; i < n; i++) sum += r[i];
    double mean = n > 1 ? sum / n : 0.0, var = 0;
    for (int64_t i = 0; i < n; i++) var += (r[i] - mean) * (r[i] - mean);
    double sd = n > 1 ? sqrt(var / (n - 1)) : 1.0;
    for (int64_t i = 0; i < n; i++) out[g * n + i] = heed_advantage(r[i], n, mean, sd, eps, mode);
}

}  // namespace

extern "C" {

int heed_cuda_kl_forward(const float* logp, const float* ref, int64_t n, int type, float* kl, void* stream) {
    if (n == 0) return 0;
    kl_forward<<<grid_for(n), kThreads, 0, as_stream(stream)>>>(logp, ref, n, type, kl);
    return launch_status();
}

int heed_cuda_kl_backward(const float* logp, const float* ref, int64_t n, int type, const float* g, float* dlogp,
                          void* stream) {
    if (n == 0) return 0;
    kl_backward<<<grid_for(n), kThreads, 0, as_stream(stream)>>>(logp, ref, n, type, g, dlogp);
    return launch_status();
}

int64_t heed_cuda_policy_loss_workspace(int64_t b) { return b * kRowRecord + 1; }

int heed_cuda_policy_loss(const float* logp, const float* old_logp, const float* advantages, int adv_per_token,
                          const float* mask, const float* ref_logp, int64_t b, int64_t t,
                          float clip_low, float clip_high, float dual_clip, float kl_coef, int kl_type,
                          int aggregation, float* dlogp, float* stats, float* workspace, void* stream) {
    cudaStream_t s = as_stream(stream);
    float* norm = workspace + b * kRowRecord;
    if (b > 0 && t > 0)
        policy_rows<<<b, kThreads, 0, s>>>(logp, old_logp, advantages, adv_per_token, mask, ref_logp, t, clip_low,
                                          clip_high, dual_clip, kl_coef, kl_type, aggregation, dlogp, workspace);
    policy_finish<<<1, 1024, 0, s>>>(workspace, b * (t > 0), t, kl_coef, aggregation, stats, norm);
    if (b * t > 0) scale<<<grid_for(b * t), kThreads, 0, s>>>(dlogp, b * t, norm);
    return launch_status();
}

int heed_cuda_group_advantages(const float* rewards, int64_t groups, int64_t n, float eps, int mode, float* out,
                               void* stream) {
    if (groups == 0) return 0;
    group_advantages<<<(groups + kThreads - 1) / kThreads, kThreads, 0, as_stream(stream)>>>(rewards, groups, n, eps,
                                                                                            mode, out);
    return launch_status();
}

}  // extern "C"
