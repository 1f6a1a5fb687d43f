// CPU kernels for one decode step of the transformer (fp32): a few rows at a time, where libtorch's
// per-op overhead and its matrix-vector path, not arithmetic, set the pace. The linear kernel reads each
// weight row once per block of four input rows and keeps sixteen dot products in registers; attention
// writes the new key/value into the cache and attends over the row's own slots; rms-norm, rotary
// embedding and SwiGLU are single passes. Work is split over OpenMP threads only when it is big enough to
// pay for the fork.
#include "heed_kernels.h"
#include "cpu_simd.h"

#include <omp.h>
#include <vector>

namespace {

// Multiply-adds below which forking costs more than it saves: with OMP_WAIT_POLICY=PASSIVE (the launcher's
// default) idle workers sleep, and waking them costs ~30-50 us on the project's VM; a step forks once per
// kernel call, so only calls of a few hundred microseconds (8M multiply-adds) split.
constexpr int64_t kParallelWork = 1 << 23;

HEED_INLINE float dot(const float* a, const float* b, int64_t d) {
    heed_v16 acc{};
    int64_t i = 0;
    for (; i + 16 <= d; i += 16) acc += heed_load16(a + i) * heed_load16(b + i);
    float s = heed_hsum(acc);
    for (; i < d; i++) s += a[i] * b[i];
    return s;
}

constexpr int kMaxRows = 8, kCols = 4;

// Weight blocks ahead of the one being read that the kernel prefetches, into L2 (prefetcht1): nearer or
// into L1 measured slower on the project's machine, where one core streams weights from L3 at ~15-20 GB/s.
constexpr int kPrefetchBlocks = 4;

// out[r][c] = dot(x row r, w row c) over k, for R input rows and C weight rows. When `next` is set, the
// same columns of four weight rows further on are prefetched as these are read, so the memory stream
// never waits for the arithmetic.
template <int R, int C>
HEED_INLINE void dot_block(const float* x, int64_t ldx, const float* w, int64_t k, const float* next, float out[kMaxRows][kCols]) {
    heed_v16 acc[R][C];
    for (int r = 0; r < R; r++)
        for (int c = 0; c < C; c++) acc[r][c] = heed_v16{};
    int64_t kk = 0;
    for (; kk + 16 <= k; kk += 16) {
        heed_v16 wv[C];
        for (int c = 0; c < C; c++) wv[c] = heed_load16(w + c * k + kk);
        if (next)
            for (int c = 0; c < 4; c++) __builtin_prefetch(next + c * k + kk, 0, 2);
        for (int r = 0; r < R; r++) {
            heed_v16 xv = heed_load16(x + r * ldx + kk);
            for (int c = 0; c < C; c++) acc[r][c] += xv * wv[c];
        }
    }
    for (int r = 0; r < R; r++)
        for (int c = 0; c < C; c++) {
            float s = heed_hsum(acc[r][c]);
            for (int64_t t = kk; t < k; t++) s += x[r * ldx + t] * w[c * k + t];
            out[r][c] = s;
        }
}

template <int C>
HEED_INLINE void dot_rows(int rows, const float* x, int64_t ldx, const float* w, int64_t k, const float* next,
                          float out[kMaxRows][kCols]) {
    switch (rows) {
        case 8: dot_block<8, C>(x, ldx, w, k, next, out); break;
        case 7: dot_block<7, C>(x, ldx, w, k, next, out); break;
        case 6: dot_block<6, C>(x, ldx, w, k, next, out); break;
        case 5: dot_block<5, C>(x, ldx, w, k, next, out); break;
        case 4: dot_block<4, C>(x, ldx, w, k, next, out); break;
        case 3: dot_block<3, C>(x, ldx, w, k, next, out); break;
        case 2: dot_block<2, C>(x, ldx, w, k, next, out); break;
        default: dot_block<1, C>(x, ldx, w, k, next, out); break;
    }
}

// Output columns [j0, j1) of every row; a block of four weight rows stays in L1 while the input rows pass
// in blocks of eight (four when there are at most four: their 16 sums need fewer registers). A batch of
// eight thus reads each weight once, in one pass that keeps the memory stream and the arithmetic together;
// two passes of four measured 1.2-1.45x slower on the project's machine.
HEED_CLONES void linear_columns(const float* x, int64_t m, int64_t k, int64_t ldx, const float* w, const float* bias,
                                int64_t j0, int64_t j1, float* y, int64_t ldy, int accumulate) {
    const int height = m > 4 ? kMaxRows : 4;
    float out[kMaxRows][kCols];
    for (int64_t j = j0; j < j1; j += kCols) {
        int cols = (int) std::min<int64_t>(kCols, j1 - j);
        const float* wj = w + j * k;
        for (int64_t i = 0; i < m; i += height) {
            int rows = (int) std::min<int64_t>(height, m - i);
            const float* xi = x + i * ldx;
            const float* next = i == 0 && j + (kPrefetchBlocks + 1) * kCols <= j1 ? wj + kPrefetchBlocks * kCols * k : nullptr;
            switch (cols) {
                case 4: dot_rows<4>(rows, xi, ldx, wj, k, next, out); break;
                case 3: dot_rows<3>(rows, xi, ldx, wj, k, next, out); break;
                case 2: dot_rows<2>(rows, xi, ldx, wj, k, next, out); break;
                default: dot_rows<1>(rows, xi, ldx, wj, k, next, out); break;
            }
            for (int r = 0; r < rows; r++) {
                float* yr = y + (i + r) * ldy + j;
                for (int c = 0; c < cols; c++) {
                    float v = out[r][c] + (bias ? bias[j + c] : 0.0f);
                    yr[c] = accumulate ? yr[c] + v : v;
                }
            }
        }
    }
}

// Taller inputs (prompts being prefilled) read the weights in a panel layout (heed_cpu_pack_panels):
// 32 output rows interleaved, [k][32], so each input element is broadcast against two vectors of the panel
// and the sums build up lane-wise, eight input rows at a time, with no horizontal sums; measured 1.3-2.8x
// the dot-product kernel (and past OpenBLAS's GEMM) from 64 rows on.
constexpr int kPanel = 32;
constexpr int kPanelPrefetch = 32;  // panel rows (of k) fetched ahead into L2

template <int R>
HEED_INLINE void panel_tile(const float* x, int64_t ldx, const float* panel, int64_t k, heed_v16 acc[kMaxRows][2]) {
    for (int r = 0; r < R; r++) acc[r][0] = acc[r][1] = heed_v16{};
    for (int64_t t = 0; t < k; t++) {
        __builtin_prefetch(panel + (t + kPanelPrefetch) * kPanel, 0, 2);
        __builtin_prefetch(panel + (t + kPanelPrefetch) * kPanel + 16, 0, 2);
        heed_v16 p0 = heed_load16(panel + t * kPanel), p1 = heed_load16(panel + t * kPanel + 16);
        for (int r = 0; r < R; r++) {
            float xv = x[r * ldx + t];
            acc[r][0] += p0 * xv;
            acc[r][1] += p1 * xv;
        }
    }
}

// Output panels [p0, p1) of every row.
HEED_CLONES void linear_panels(const float* x, int64_t m, int64_t k, int64_t ldx, const float* packed, const float* bias,
                               int64_t n, int64_t p0, int64_t p1, float* y, int64_t ldy, int accumulate) {
    heed_v16 acc[kMaxRows][2];
    alignas(64) float lanes[kPanel];
    for (int64_t p = p0; p < p1; p++) {
        const float* panel = packed + p * k * kPanel;
        int64_t j = p * kPanel;
        int cols = (int) std::min<int64_t>(kPanel, n - j);
        for (int64_t i = 0; i < m; i += kMaxRows) {
            int rows = (int) std::min<int64_t>(kMaxRows, m - i);
            const float* xi = x + i * ldx;
            switch (rows) {
                case 8: panel_tile<8>(xi, ldx, panel, k, acc); break;
                case 7: panel_tile<7>(xi, ldx, panel, k, acc); break;
                case 6: panel_tile<6>(xi, ldx, panel, k, acc); break;
                case 5: panel_tile<5>(xi, ldx, panel, k, acc); break;
                case 4: panel_tile<4>(xi, ldx, panel, k, acc); break;
                case 3: panel_tile<3>(xi, ldx, panel, k, acc); break;
                case 2: panel_tile<2>(xi, ldx, panel, k, acc); break;
                default: panel_tile<1>(xi, ldx, panel, k, acc); break;
            }
            for (int r = 0; r < rows; r++) {
                std::memcpy(lanes, &acc[r][0], sizeof acc[r][0]);
                std::memcpy(lanes + 16, &acc[r][1], sizeof acc[r][1]);
                float* yr = y + (i + r) * ldy + j;
                for (int c = 0; c < cols; c++) {
                    float v = lanes[c] + (bias ? bias[j + c] : 0.0f);
                    yr[c] = accumulate ? yr[c] + v : v;
                }
            }
        }
    }
}

HEED_CLONES void rmsnorm_row(const float* x, const float* w, int64_t d, float eps, float* y) {
    float ss = 0.0f;
#pragma omp simd reduction(+ : ss)
    for (int64_t i = 0; i < d; i++) ss += x[i] * x[i];
    float inv = 1.0f / std::sqrt(ss / (float) d + eps);
#pragma omp simd
    for (int64_t i = 0; i < d; i++) y[i] = x[i] * inv * w[i];
}

// silu(g) = g * sigmoid(g), with sigmoid from e = exp(-|g|) <= 1 so the exp vectorizes and never overflows.
HEED_CLONES void silu_mul_range(float* g, const float* u, int64_t n) {
#pragma omp simd
    for (int64_t i = 0; i < n; i++) {
        float x = g[i], e = heed_exp_nonpos(-std::fabs(x)), sigmoid = (x >= 0.0f ? 1.0f : e) / (1.0f + e);
        g[i] = x * sigmoid * u[i];
    }
}

// The `group` query heads q [group, d] that share one kv head, over its `len` cached slots:
// out [group, d] = softmax(q K^T * scale) V, with scores [group, len] as scratch. Each key and value is
// read once for the whole group.
HEED_CLONES void attend_group(const float* q, int64_t group, const float* keys, const float* values, int64_t len,
                              int64_t d, float scale, float* scores, float* out) {
    for (int64_t t = 0; t < len; t++)
        for (int64_t j = 0; j < group; j++) scores[j * len + t] = dot(q + j * d, keys + t * d, d) * scale;
    for (int64_t j = 0; j < group; j++) {
        float* row = scores + j * len;
        float mx = row[0], sum = 0.0f;
#pragma omp simd reduction(max : mx)
        for (int64_t t = 0; t < len; t++) mx = std::max(mx, row[t]);
#pragma omp simd reduction(+ : sum)
        for (int64_t t = 0; t < len; t++) {
            row[t] = heed_exp_nonpos(row[t] - mx);
            sum += row[t];
        }
        float inv = 1.0f / sum;
#pragma omp simd
        for (int64_t t = 0; t < len; t++) row[t] *= inv;
    }
    std::fill(out, out + group * d, 0.0f);
    for (int64_t t = 0; t < len; t++) {
        const float* vt = values + t * d;
        for (int64_t j = 0; j < group; j++) {
            float p = scores[j * len + t];
            float* o = out + j * d;
#pragma omp simd
            for (int64_t i = 0; i < d; i++) o[i] += p * vt[i];
        }
    }
}

inline bool parallel(int threads, int64_t work) { return threads > 1 && work >= kParallelWork; }

}  // namespace

extern "C" {

void heed_cpu_linear(const float* x, int64_t m, int64_t k, int64_t ldx, const float* w, const float* bias, int64_t n,
                     float* y, int64_t ldy, int accumulate, int threads) {
    if (m <= 0 || n <= 0) return;
    int64_t blocks = (n + 3) / 4;
    if (!parallel(threads, m * n * k)) {
        linear_columns(x, m, k, ldx, w, bias, 0, n, y, ldy, accumulate);
        return;
    }
    // Contiguous column ranges per thread: each weight row is read by one thread only.
#pragma omp parallel num_threads(threads)
    {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        int64_t b0 = blocks * t / nt, b1 = blocks * (t + 1) / nt;
        if (b1 > b0) linear_columns(x, m, k, ldx, w, bias, b0 * 4, std::min(n, b1 * 4), y, ldy, accumulate);
    }
}

int64_t heed_cpu_panels_size(int64_t n, int64_t k) { return (n + kPanel - 1) / kPanel * kPanel * k; }

void heed_cpu_pack_panels(const float* w, int64_t n, int64_t k, float* out, int threads) {
    int64_t panels = (n + kPanel - 1) / kPanel;
#pragma omp parallel for num_threads(threads) if (parallel(threads, n * k))
    for (int64_t p = 0; p < panels; p++)
        for (int64_t t = 0; t < k; t++)
            for (int c = 0; c < kPanel; c++) {
                int64_t j = p * kPanel + c;
                out[p * k * kPanel + t * kPanel + c] = j < n ? w[j * k + t] : 0.0f;
            }
}

void heed_cpu_linear_panels(const float* x, int64_t m, int64_t k, int64_t ldx, const float* packed, const float* bias,
                            int64_t n, float* y, int64_t ldy, int accumulate, int threads) {
    if (m <= 0 || n <= 0) return;
    int64_t panels = (n + kPanel - 1) / kPanel;
    if (!parallel(threads, m * n * k)) {
        linear_panels(x, m, k, ldx, packed, bias, n, 0, panels, y, ldy, accumulate);
        return;
    }
#pragma omp parallel num_threads(threads)
    {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        int64_t a = panels * t / nt, b = panels * (t + 1) / nt;
        if (b > a) linear_panels(x, m, k, ldx, packed, bias, n, a, b, y, ldy, accumulate);
    }
}

void heed_cpu_rmsnorm(const float* x, const float* w, int64_t rows, int64_t d, float eps, float* y, int threads) {
#pragma omp parallel for num_threads(threads) if (parallel(threads, rows * d * 8))
    for (int64_t r = 0; r < rows; r++) rmsnorm_row(x + r * d, w, d, eps, y + r * d);
}

void heed_cpu_rope(float* q, int64_t hq, float* k, int64_t hkv, int64_t m, int64_t d, const int64_t* positions,
                   const float* inv_freq, int threads) {
    int64_t half = d / 2;
#pragma omp parallel for num_threads(threads) if (parallel(threads, m * (hq + hkv) * d * 8))
    for (int64_t r = 0; r < m; r++) {
        float pos = (float) positions[r];
        for (int64_t i = 0; i < half; i++) {
            float angle = pos * inv_freq[i], c = std::cos(angle), s = std::sin(angle);
            for (int64_t h = 0; h < hq + hkv; h++) {
                float* xh = h < hq ? q + (r * hq + h) * d : k + (r * hkv + h - hq) * d;
                float a = xh[i], b = xh[i + half];
                xh[i] = a * c - b * s;
                xh[i + half] = b * c + a * s;
            }
        }
    }
}

void heed_cpu_decode_attention(const float* q, const float* k, const float* v, int64_t m, int64_t hq, int64_t hkv,
                               int64_t d, float* key_cache, float* value_cache, int64_t slots, const int64_t* rows,
                               const int64_t* positions, float scale, float* out, int threads) {
    for (int64_t r = 0; r < m; r++)
        for (int64_t g = 0; g < hkv; g++) {
            int64_t at = ((rows[r] * hkv + g) * slots + positions[r]) * d;
            std::memcpy(key_cache + at, k + (r * hkv + g) * d, d * sizeof(float));
            std::memcpy(value_cache + at, v + (r * hkv + g) * d, d * sizeof(float));
        }
    int64_t group = hq / hkv, longest = 0;
    for (int64_t r = 0; r < m; r++) longest = std::max(longest, positions[r] + 1);
#pragma omp parallel num_threads(threads) if (parallel(threads, m * hq * longest * d * 2))
    {
        std::vector<float> scores(group * longest);
#pragma omp for schedule(dynamic)
        for (int64_t rg = 0; rg < m * hkv; rg++) {
            int64_t r = rg / hkv, g = rg % hkv;
            int64_t base = (rows[r] * hkv + g) * slots * d;
            attend_group(q + rg * group * d, group, key_cache + base, value_cache + base, positions[r] + 1, d, scale,
                         scores.data(), out + rg * group * d);
        }
    }
}

void heed_cpu_silu_mul(float* gate, const float* up, int64_t n, int threads) {
    if (!parallel(threads, n * 16)) {
        silu_mul_range(gate, up, n);
        return;
    }
#pragma omp parallel num_threads(threads)
    {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        int64_t a = n * t / nt, b = n * (t + 1) / nt;
        silu_mul_range(gate + a, up + a, b - a);
    }
}

}  // extern "C"
