// dlopen-based link to libheedcuda.so; see cuda_loader.h.
#include "cuda_loader.h"

#include <dlfcn.h>

namespace {

// The CUDA entry points, resolved together so a stale library with a missing symbol is refused whole.
#define HEED_CUDA_FUNCTIONS(X)        \
    X(heed_cuda_logprob_forward)      \
    X(heed_cuda_lse_chunk)            \
    X(heed_cuda_lse_finish)           \
    X(heed_cuda_logprob_backward)     \
    X(heed_cuda_kl_forward)           \
    X(heed_cuda_kl_backward)          \
    X(heed_cuda_policy_loss_workspace)\
    X(heed_cuda_policy_loss)          \
    X(heed_cuda_group_advantages)

struct Table {
#define HEED_FIELD(name) decltype(&::name) name = nullptr;
    HEED_CUDA_FUNCTIONS(HEED_FIELD)
#undef HEED_FIELD
};

Table table;
bool loaded = false;

}  // namespace

extern "C" {

const char* heed_gpu_open(const char* path) {
    if (loaded) return nullptr;
    void* lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) return dlerror();
    Table t;
#define HEED_RESOLVE(name)                                                  \
    t.name = reinterpret_cast<decltype(t.name)>(dlsym(lib, #name));         \
    if (!t.name) { dlclose(lib); return "libheedcuda lacks " #name; }
    HEED_CUDA_FUNCTIONS(HEED_RESOLVE)
#undef HEED_RESOLVE
    table = t;
    loaded = true;
    return nullptr;
}

int heed_gpu_loaded(void) { return loaded ? 1 : 0; }

// Each heed_gpu_X(args...) forwards to heed_cuda_X(args...).
#define HEED_FORWARD(name, ...) \
    if (!loaded) return HEED_GPU_NOT_LOADED; \
    return table.name(__VA_ARGS__);

int heed_gpu_logprob_forward(const void* logits, int dtype, int64_t n, int64_t v, int64_t ld,
                             const int64_t* targets, float inv_temp,
                             float* logp, float* entropy, double* lse, void* stream) {
    HEED_FORWARD(heed_cuda_logprob_forward, logits, dtype, n, v, ld, targets, inv_temp, logp, entropy, lse, stream)
}

int heed_gpu_lse_chunk(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                       const int64_t* targets, float inv_temp, double* state, int first, void* stream) {
    HEED_FORWARD(heed_cuda_lse_chunk, logits, dtype, n, vc, ld, v0, targets, inv_temp, state, first, stream)
}

int heed_gpu_lse_finish(int64_t n, int64_t v, const int64_t* targets, const double* state,
                        float* logp, float* entropy, double* lse, void* stream) {
    HEED_FORWARD(heed_cuda_lse_finish, n, v, targets, state, logp, entropy, lse, stream)
}

int heed_gpu_logprob_backward(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                              const int64_t* targets, float inv_temp, const double* lse, const float* entropy,
                              const float* g_logp, const float* g_entropy,
                              void* dlogits, int64_t ld_out, void* stream) {
    HEED_FORWARD(heed_cuda_logprob_backward, logits, dtype, n, vc, ld, v0, targets, inv_temp, lse, entropy,
                 g_logp, g_entropy, dlogits, ld_out, stream)
}

int heed_gpu_kl_forward(const float* logp, const float* ref, int64_t n, int type, float* kl, void* stream) {
    HEED_FORWARD(heed_cuda_kl_forward, logp, ref, n, type, kl, stream)
}

int heed_gpu_kl_backward(const float* logp, const float* ref, int64_t n, int type, const float* g, float* dlogp,
                         void* stream) {
    HEED_FORWARD(heed_cuda_kl_backward, logp, ref, n, type, g, dlogp, stream)
}

int64_t heed_gpu_policy_loss_workspace(int64_t b) {
    HEED_FORWARD(heed_cuda_policy_loss_workspace, b)
}

int heed_gpu_policy_loss(const float* logp, const float* old_logp, const float* advantages, int adv_per_token,
                         const float* mask, const float* ref_logp, int64_t b, int64_t t,
                         float clip_low, float clip_high, float dual_clip, float kl_coef, int kl_type,
                         int aggregation, float* dlogp, float* stats, float* workspace, void* stream) {
    HEED_FORWARD(heed_cuda_policy_loss, logp, old_logp, advantages, adv_per_token, mask, ref_logp, b, t,
                 clip_low, clip_high, dual_clip, kl_coef, kl_type, aggregation, dlogp, stats, workspace, stream)
}

int heed_gpu_group_advantages(const float* rewards, int64_t groups, int64_t n, float eps, int mode, float* out,
                              void* stream) {
    HEED_FORWARD(heed_cuda_group_advantages, rewards, groups, n, eps, mode, out, stream)
}

}  // extern "C"
