/*
 * Heed's fused kernels: the C ABI shared by the CPU library (bound through JavaCPP, dev.heed.kernels)
 * and the CUDA library built from cuda-kernels/ (loaded at run time when present, and driven directly by
 * bench/gpu's harness). Arguments are raw pointers, sizes, a dtype code and either a thread count (CPU)
 * or a cudaStream_t passed as void* (CUDA). Rows are contiguous; `ld` is the distance between rows in
 * elements. Per-row results and every loss input are fp32; logits and their gradients are fp32 or bf16.
 *
 * Negative targets (e.g. -100 for padding) are ignored: their log-prob is 0 and they get no gradient from it.
 * Targets must be < V: callers check (dev.heed.kernels does), the chunked backward cannot.
 */
#ifndef HEED_KERNELS_H
#define HEED_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum heed_dtype { HEED_F32 = 0, HEED_BF16 = 1 };
enum heed_kl_type { HEED_KL_K1 = 0, HEED_KL_K2 = 1, HEED_KL_K3 = 2 };
enum heed_aggregation {
    HEED_AGG_TOKEN_MEAN = 0,              /* sum(mask * l) / sum(mask)                                    */
    HEED_AGG_SEQ_MEAN_TOKEN_SUM = 1,      /* mean over non-empty rows of sum_t(mask * l)                  */
    HEED_AGG_SEQ_MEAN_TOKEN_MEAN = 2,     /* mean over non-empty rows of sum_t(mask * l) / sum_t(mask)    */
    HEED_AGG_SEQ_MEAN_TOKEN_SUM_NORM = 3  /* sum over rows of sum_t(mask * l), divided by T (Dr.GRPO)     */
};
enum heed_advantage { HEED_ADV_GRPO = 0, HEED_ADV_DR_GRPO = 1, HEED_ADV_RLOO = 2 };

/* Layout of the policy-loss statistics vector. */
enum heed_stat {
    HEED_STAT_LOSS = 0,            /* pg_loss + kl_coef * kl_loss                                */
    HEED_STAT_PG_LOSS = 1,
    HEED_STAT_KL_LOSS = 2,         /* aggregated like the loss; 0 when kl_coef == 0              */
    HEED_STAT_CLIP_FRAC = 3,       /* masked mean of [clipped loss > unclipped loss]            */
    HEED_STAT_CLIP_FRAC_LOWER = 4, /* masked mean of [dual clip active] (advantage < 0)         */
    HEED_STAT_APPROX_KL = 5,       /* masked mean of old_logp - logp (difference clamped ±20)   */
    HEED_STAT_TOKENS = 6,          /* sum(mask)                                                  */
    HEED_STAT_SEQUENCES = 7,       /* rows with sum(mask) > 0                                    */
    HEED_STATS = 8
};

/* Per-row running state of a log-sum-exp over vocabulary chunks: {max, sum exp(z-max),
 * sum exp(z-max)*(z-max), target logit}, with z = logit * inv_temp. */
#define HEED_LSE_STATE 4

/* ---------------------------------------------------------------- CPU (always built) */

/* logp[r] = z[r,t_r] - lse[r]; entropy[r] (may be NULL) = -sum p log p; lse[r] kept for backward, in fp64
 * because a float lse loses the small log-probs of large logits (its ulp at 1e4 is 1e-3). */
void heed_cpu_logprob_forward(const void* logits, int dtype, int64_t n, int64_t v, int64_t ld,
                              const int64_t* targets, float inv_temp,
                              float* logp, float* entropy, double* lse, int threads);

/* Folds the vocabulary columns [v0, v0 + vc) of every row into `state` [n, HEED_LSE_STATE]
 * (doubles); `first` != 0 starts fresh. */
void heed_cpu_lse_chunk(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                        const int64_t* targets, float inv_temp, double* state, int first, int threads);

/* Turns the folded state into logp, entropy (may be NULL) and lse; v is the full vocabulary. */
void heed_cpu_lse_finish(int64_t n, int64_t v, const int64_t* targets, const double* state,
                         float* logp, float* entropy, double* lse);

/* dlogits[r, j] for the columns [v0, v0 + vc) (the whole row when v0 = 0, vc = V):
 *   inv_temp * (g_logp[r] * (onehot - p) - g_entropy[r] * p * (log p + H[r]))
 * g_logp, g_entropy and entropy may be NULL (read as 0). dlogits may equal logits (in place). */
void heed_cpu_logprob_backward(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                               const int64_t* targets, float inv_temp, const double* lse, const float* entropy,
                               const float* g_logp, const float* g_entropy,
                               void* dlogits, int64_t ld_out, int threads);

/* kl[i] = estimator(logp[i], ref[i]): k1 = logp - ref, k2 = (logp - ref)^2 / 2,
 * k3 = exp(ref - logp) - (ref - logp) - 1 with ref - logp clamped to ±20 and the result to [-10, 10]. */
void heed_cpu_kl_forward(const float* logp, const float* ref, int64_t n, int type, float* kl);
/* dlogp[i] = g[i] * d kl / d logp (g may be NULL: ones). */
void heed_cpu_kl_backward(const float* logp, const float* ref, int64_t n, int type, const float* g, float* dlogp);

/* PPO clipped surrogate with dual clip, optional KL penalty, and aggregation, over [b, t] tokens:
 * writes dlogp [b, t] (gradient of stats[HEED_STAT_LOSS]) and stats [HEED_STATS].
 * advantages are [b, t] (adv_per_token != 0) or [b]; mask is [b, t] (weights, usually 0/1);
 * ref_logp may be NULL when kl_coef == 0; dual_clip <= 1 disables the dual clip. */
void heed_cpu_policy_loss(const float* logp, const float* old_logp, const float* advantages, int adv_per_token,
                          const float* mask, const float* ref_logp, int64_t b, int64_t t,
                          float clip_low, float clip_high, float dual_clip, float kl_coef, int kl_type,
                          int aggregation, float* dlogp, float* stats, int threads);

/* Group-relative advantages over `groups` groups of n consecutive rewards (heed_advantage mode). */
void heed_cpu_group_advantages(const float* rewards, int64_t groups, int64_t n, float eps, int mode, float* out);

/* ---- one step of the transformer over the tokens fed to a KV cache (fp32, CPU) */

/* y[i, j] (+)= sum_c x[i, c] * w[j, c] + bias[j] for i < m, j < n: x [m, k] with row stride ldx, w [n, k]
 * contiguous, bias [n] or NULL, y with row stride ldy; accumulate != 0 adds to y (a residual connection). */
void heed_cpu_linear(const float* x, int64_t m, int64_t k, int64_t ldx, const float* w, const float* bias, int64_t n,
                     float* y, int64_t ldy, int accumulate, int threads);
/* The same product with w in the panel layout heed_cpu_pack_panels makes, for inputs of many rows: panels of
 * 32 output rows, each [k][32]; heed_cpu_panels_size(n, k) floats, the last panel padded with zeros. */
int64_t heed_cpu_panels_size(int64_t n, int64_t k);
void heed_cpu_pack_panels(const float* w, int64_t n, int64_t k, float* out, int threads);
void heed_cpu_linear_panels(const float* x, int64_t m, int64_t k, int64_t ldx, const float* packed, const float* bias,
                            int64_t n, float* y, int64_t ldy, int accumulate, int threads);
/* y[r] = x[r] / sqrt(mean(x[r]^2) + eps) * w over contiguous rows of d; y may equal x. */
void heed_cpu_rmsnorm(const float* x, const float* w, int64_t rows, int64_t d, float eps, float* y, int threads);
/* Rotary embedding in place, rotate-half convention, on queries q [m, hq, d] and keys k [m, hkv, d]: row r is
 * at positions[r]; the angle of pair i is positions[r] * inv_freq[i] (fp32). */
void heed_cpu_rope(float* q, int64_t hq, float* k, int64_t hkv, int64_t m, int64_t d, const int64_t* positions,
                   const float* inv_freq, int threads);
/* For m tokens, token r at cache row rows[r] and position positions[r]: first writes every k, v [m, hkv, d] into
 * slot positions[r] of its row (caches [B, hkv, slots, d]), then each token's query heads q [m, hq, d] attend over
 * their row's slots [0, positions[r]]: out [m, hq, d] = softmax(q K^T * scale) V; query head h reads kv head
 * h / (hq / hkv). Several tokens of one row (a prompt) thus attend causally, as in a prefill. */
void heed_cpu_decode_attention(const float* q, const float* k, const float* v, int64_t m, int64_t hq, int64_t hkv,
                               int64_t d, float* key_cache, float* value_cache, int64_t slots, const int64_t* rows,
                               const int64_t* positions, float scale, float* out, int threads);
/* gate = silu(gate) * up, n elements. */
void heed_cpu_silu_mul(float* gate, const float* up, int64_t n, int threads);

/* ---------------------------------------------------------------- CUDA (cuda-kernels/, optional)
 * Same semantics; every pointer is device memory and work is queued on `stream` (cudaStream_t).
 * Functions return 0 or a cudaError_t. */

int heed_cuda_logprob_forward(const void* logits, int dtype, int64_t n, int64_t v, int64_t ld,
                              const int64_t* targets, float inv_temp,
                              float* logp, float* entropy, double* lse, void* stream);
int heed_cuda_lse_chunk(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                        const int64_t* targets, float inv_temp, double* state, int first, void* stream);
int heed_cuda_lse_finish(int64_t n, int64_t v, const int64_t* targets, const double* state,
                         float* logp, float* entropy, double* lse, void* stream);
int heed_cuda_logprob_backward(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                               const int64_t* targets, float inv_temp, const double* lse, const float* entropy,
                               const float* g_logp, const float* g_entropy,
                               void* dlogits, int64_t ld_out, void* stream);
int heed_cuda_kl_forward(const float* logp, const float* ref, int64_t n, int type, float* kl, void* stream);
int heed_cuda_kl_backward(const float* logp, const float* ref, int64_t n, int type, const float* g, float* dlogp,
                          void* stream);
/* workspace: heed_cuda_policy_loss_workspace(b) floats of device memory. */
int64_t heed_cuda_policy_loss_workspace(int64_t b);
int heed_cuda_policy_loss(const float* logp, const float* old_logp, const float* advantages, int adv_per_token,
                          const float* mask, const float* ref_logp, int64_t b, int64_t t,
                          float clip_low, float clip_high, float dual_clip, float kl_coef, int kl_type,
                          int aggregation, float* dlogp, float* stats, float* workspace, void* stream);
int heed_cuda_group_advantages(const float* rewards, int64_t groups, int64_t n, float eps, int mode, float* out,
                               void* stream);

#ifdef __cplusplus
}
#endif

#endif
