/*
 * Run-time link to the optional CUDA library (libheedcuda.so, built from cuda-kernels/ by nvcc): the JNI
 * library never depends on CUDA at load time; heed_gpu_open() dlopens the library and each heed_gpu_*
 * call forwards to its heed_cuda_* function. Without a successful open they return HEED_GPU_NOT_LOADED.
 */
#ifndef HEED_CUDA_LOADER_H
#define HEED_CUDA_LOADER_H

#include "heed_kernels.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HEED_GPU_NOT_LOADED (-1)

/* Returns NULL on success, else a static message (dlerror or the missing symbol). */
const char* heed_gpu_open(const char* path);
int heed_gpu_loaded(void);

int heed_gpu_logprob_forward(const void* logits, int dtype, int64_t n, int64_t v, int64_t ld,
                             const int64_t* targets, float inv_temp,
                             float* logp, float* entropy, double* lse, void* stream);
int heed_gpu_lse_chunk(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                       const int64_t* targets, float inv_temp, double* state, int first, void* stream);
int heed_gpu_lse_finish(int64_t n, int64_t v, const int64_t* targets, const double* state,
                        float* logp, float* entropy, double* lse, void* stream);
int heed_gpu_logprob_backward(const void* logits, int dtype, int64_t n, int64_t vc, int64_t ld, int64_t v0,
                              const int64_t* targets, float inv_temp, const double* lse, const float* entropy,
                              const float* g_logp, const float* g_entropy,
                              void* dlogits, int64_t ld_out, void* stream);
int heed_gpu_kl_forward(const float* logp, const float* ref, int64_t n, int type, float* kl, void* stream);
int heed_gpu_kl_backward(const float* logp, const float* ref, int64_t n, int type, const float* g, float* dlogp,
                         void* stream);
int64_t heed_gpu_policy_loss_workspace(int64_t b);
int heed_gpu_policy_loss(const float* logp, const float* old_logp, const float* advantages, int adv_per_token,
                         const float* mask, const float* ref_logp, int64_t b, int64_t t,
                         float clip_low, float clip_high, float dual_clip, float kl_coef, int kl_type,
                         int aggregation, float* dlogp, float* stats, float* workspace, void* stream);
int heed_gpu_group_advantages(const float* rewards, int64_t groups, int64_t n, float eps, int mode, float* out,
                              void* stream);

#ifdef __cplusplus
}
#endif

#endif
