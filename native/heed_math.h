/*
 * Per-element math shared by the CPU kernels and the CUDA kernels, so both follow one definition:
 * bf16 conversion, the KL estimators and the clipped PPO surrogate with their derivatives.
 */
#ifndef HEED_MATH_H
#define HEED_MATH_H

#include <stdint.h>
#include <math.h>
#include "heed_kernels.h"

#if defined(__CUDACC__)
#define HEED_HD static __host__ __device__ __forceinline__
#else
#define HEED_HD static inline
#endif

/* exp() of a value below this is under FLT_MIN: treated as an exact 0 (this also covers -inf). */
#define HEED_EXP_FLOOR (-87.0f)

HEED_HD float heed_bf16_to_f32(uint16_t h) {
    union { uint32_t u; float f; } c;
    c.u = (uint32_t) h << 16;
    return c.f;
}

/* Round to nearest even, as torch does (inputs here are finite or ±inf). */
HEED_HD uint16_t heed_f32_to_bf16(float f) {
    union { uint32_t u; float f; } c;
    c.f = f;
    c.u += 0x7FFFu + ((c.u >> 16) & 1u);
    return (uint16_t) (c.u >> 16);
}

HEED_HD float heed_clampf(float x, float lo, float hi) {
    return x < lo ? lo : (x > hi ? hi : x);
}

/* KL estimator value and its derivative in logp; clamps pass no gradient where they bind (as torch.clamp). */
HEED_HD float heed_kl(float logp, float ref, int type, float* dkl) {
    if (type == HEED_KL_K1) { *dkl = 1.0f; return logp - ref; }
    if (type == HEED_KL_K2) { float d = logp - ref; *dkl = d; return 0.5f * d * d; }
    float kl = ref - logp;                      /* k3, "low_var_kl" */
    int live = kl >= -20.0f && kl <= 20.0f;
    kl = heed_clampf(kl, -20.0f, 20.0f);
    float r = expf(kl);
    float k3 = r - kl - 1.0f;
    if (k3 > 10.0f || k3 < -10.0f) { *dkl = 0.0f; return heed_clampf(k3, -10.0f, 10.0f); }
    *dkl = live ? 1.0f - r : 0.0f;
    return k3;
}

/* Outcome of one token of the PPO surrogate. */
typedef struct {
    float loss;          /* pg loss of the token                  */
    float grad;          /* d loss / d logp                       */
    float neg_kl;        /* logp - old_logp, clamped to ±20       */
    int clipped;         /* clipped branch larger than unclipped  */
    int clipped_lower;   /* dual clip binds (advantage < 0)       */
} heed_pg_token;

/* verl's vanilla PPO loss for one token: ratio = exp(clamp(logp - old, ±20));
 * l = max(-A r, -A clip(r, 1 - lo, 1 + hi)); for A < 0 and dual clip c > 1, l = min(l, -A c).
 * Ties split the gradient in halves, exactly as torch.maximum / torch.minimum do. */
HEED_HD heed_pg_token heed_pg(float logp, float old, float a, float clip_low, float clip_high, float dual_clip) {
    heed_pg_token o;
    float d = logp - old;
    int live = d >= -20.0f && d <= 20.0f;
    d = heed_clampf(d, -20.0f, 20.0f);
    float r = expf(d);
    float dr = live ? r : 0.0f;
    float lo = 1.0f - clip_low, hi = 1.0f + clip_high;
    float l1 = -a * r, l2 = -a * heed_clampf(r, lo, hi);
    float g1 = -a * dr, g2 = (r >= lo && r <= hi) ? g1 : 0.0f;
    float l, g;
    if (l1 > l2) { l = l1; g = g1; }
    else if (l2 > l1) { l = l2; g = g2; }
    else { l = l1; g = 0.5f * (g1 + g2); }
    o.clipped = l2 > l1;
    o.clipped_lower = 0;
    if (dual_clip > 1.0f && a < 0.0f) {
        float l3 = -a * dual_clip;
        o.clipped_lower = l > l3;
        if (l > l3) { l = l3; g = 0.0f; }
        else if (l == l3) g *= 0.5f;
    }
    o.loss = l;
    o.grad = g;
    o.neg_kl = d;
    return o;
}

/* Weight of a row's token sum in the aggregated loss, before the global normaliser. */
HEED_HD float heed_row_factor(int aggregation, float row_tokens) {
    if (aggregation == HEED_AGG_SEQ_MEAN_TOKEN_MEAN) return row_tokens > 0.0f ? 1.0f / row_tokens : 0.0f;
    return 1.0f;
}

/* The global normaliser that turns the weighted sum into the aggregated loss. */
HEED_HD double heed_normaliser(int aggregation, double tokens, double sequences, int64_t t) {
    if (aggregation == HEED_AGG_TOKEN_MEAN) return tokens > 0 ? 1.0 / tokens : 0.0;
    if (aggregation == HEED_AGG_SEQ_MEAN_TOKEN_SUM_NORM) return t > 0 ? 1.0 / (double) t : 0.0;
    return sequences > 0 ? 1.0 / sequences : 0.0;
}

/* Advantage of reward r in a group of n with sum s and unbiased std sd (verl's conventions:
 * a group of one has mean 0 and std 1). */
HEED_HD float heed_advantage(float r, int64_t n, double mean, double sd, float eps, int mode) {
    if (mode == HEED_ADV_RLOO) {
        if (n < 2) return r;
        return (float) (((double) r - mean) * (double) n / (double) (n - 1));
    }
    if (mode == HEED_ADV_DR_GRPO) return (float) ((double) r - mean);
    return (float) (((double) r - mean) / (sd + (double) eps));
}

#endif
