// CPU per-token losses: KL estimators, the fused PPO policy loss (loss, metrics and dlogp), and group
// advantages. The per-token formulas live in heed_math.h, shared with the CUDA kernels.
#include "heed_kernels.h"
#include "heed_math.h"

#include <cmath>
#include <vector>

namespace {

// Row partial sums of the policy loss, kept per row so the total does not depend on the thread count.
struct RowSums {
    double tokens, weighted_pg, weighted_kl, clipped, clipped_lower, approx_kl;
};

}  // namespace

extern "C" {

void heed_cpu_kl_forward(const float* logp, const float* ref, int64_t n, int type, float* kl) {
    for (int64_t i = 0; i < n; i++) {
        float d;
        kl[i] = heed_kl(logp[i], ref[i], type, &d);
    }
}

void heed_cpu_kl_backward(const float* logp, const float* ref, int64_t n, int type, const float* g, float* dlogp) {
    for (int64_t i = 0; i < n; i++) {
        float d;
        heed_kl(logp[i], ref[i], type, &d);
        dlogp[i] = g ? g[i] * d : d;
    }
}

// One pass over the tokens computes each token's loss and gradient, weighted by its row's factor; the
// global normaliser (which needs every row's token count) then scales the gradient in place.
void heed_cpu_policy_loss(const float* logp, const float* old_logp, const float* advantages, int adv_per_token,
                          const float* mask, const float* ref_logp, int64_t b, int64_t t,
                          float clip_low, float clip_high, float dual_clip, float kl_coef, int kl_type,
                          int aggregation, float* dlogp, float* stats, int threads) {
    std::vector<RowSums> rows(b);
    bool with_kl = kl_coef != 0.0f && ref_logp;
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1 && b * t >= 32768)
    for (int64_t r = 0; r < b; r++) {
        const int64_t o = r * t;
        float tokens = 0.0f;
        for (int64_t j = 0; j < t; j++) tokens += mask[o + j];
        float f = heed_row_factor(aggregation, tokens);
        double pg = 0, kl = 0, clipped = 0, lower = 0, approx = 0;
        for (int64_t j = 0; j < t; j++) {
            float m = mask[o + j];
            float a = adv_per_token ? advantages[o + j] : advantages[r];
            heed_pg_token p = heed_pg(logp[o + j], old_logp[o + j], a, clip_low, clip_high, dual_clip);
            float g = p.grad;
            if (with_kl) {
                float dk, k = heed_kl(logp[o + j], ref_logp[o + j], kl_type, &dk);
                kl += (double) (m * k);
                g += kl_coef * dk;
            }
            dlogp[o + j] = f * m * g;
            pg += (double) (m * p.loss);
            clipped += m * (float) p.clipped;
            lower += m * (float) p.clipped_lower;
            approx -= (double) (m * p.neg_kl);
        }
        rows[r] = RowSums{tokens, f * pg, f * kl, clipped, lower, approx};
    }
    double tokens = 0, sequences = 0, pg = 0, kl = 0, clipped = 0, lower = 0, approx = 0;
    for (const RowSums& s : rows) {
        tokens += s.tokens;
        sequences += s.tokens > 0 ? 1 : 0;
        pg += s.weighted_pg;
        kl += s.weighted_kl;
        clipped += s.clipped;
        lower += s.clipped_lower;
        approx += s.approx_kl;
    }
    double norm = heed_normaliser(aggregation, tokens, sequences, t);
    double per_token = tokens > 0 ? 1.0 / tokens : 0.0;
    stats[HEED_STAT_PG_LOSS] = (float) (pg * norm);
    stats[HEED_STAT_KL_LOSS] = (float) (kl * norm);
    stats[HEED_STAT_LOSS] = (float) ((pg + kl_coef * kl) * norm);
    stats[HEED_STAT_CLIP_FRAC] = (float) (clipped * per_token);
    stats[HEED_STAT_CLIP_FRAC_LOWER] = (float) (lower * per_token);
    stats[HEED_STAT_APPROX_KL] = (float) (approx * per_token);
    stats[HEED_STAT_TOKENS] = (float) tokens;
    stats[HEED_STAT_SEQUENCES] = (float) sequences;
    const float scale = (float) norm;
    for (int64_t i = 0; i < b * t; i++) dlogp[i] *= scale;
}

void heed_cpu_group_advantages(const float* rewards, int64_t groups, int64_t n, float eps, int mode, float* out) {
    for (int64_t g = 0; g < groups; g++) {
        const float* r = rewards + g * n;
        double sum = 0;
        for (int64_t i = 0; i < n; i++) sum += r[i];
        double mean = n > 1 ? sum / n : 0.0, var = 0;
        for (int64_t i = 0; i < n; i++) var += (r[i] - mean) * (r[i] - mean);
        double sd = n > 1 ? std::sqrt(var / (n - 1)) : 1.0;
        for (int64_t i = 0; i < n; i++) out[g * n + i] = heed_advantage(r[i], n, mean, sd, eps, mode);
    }
}

}  // extern "C"
