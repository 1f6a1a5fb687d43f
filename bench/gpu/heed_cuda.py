"""ctypes binding of libheedcuda.so (cuda-kernels/, ABI in native/heed_kernels.h), free of PyTorch.

Run as a script, it loads a library and checks that every function of the header is there:
    python3 heed_cuda.py path/to/libheedcuda.so [path/to/heed_kernels.h]
"""
import ctypes
import re
import sys
from ctypes import c_float, c_int, c_int64, c_void_p

F32, BF16 = 0, 1
KL = {"k1": 0, "k2": 1, "k3": 2}
AGGREGATIONS = ["token-mean", "seq-mean-token-sum", "seq-mean-token-mean", "seq-mean-token-sum-norm"]
ADVANTAGES = {"grpo": 0, "drgrpo": 1, "rloo": 2}
STATS = ["loss", "pg_loss", "kl_loss", "clip_frac", "clip_frac_lower", "approx_kl", "tokens", "sequences"]
LSE_STATE = 4

P = c_void_p
# name -> (restype, argtypes), in the order of native/heed_kernels.h
SIGNATURES = {
    "heed_cuda_logprob_forward": (c_int, [P, c_int, c_int64, c_int64, c_int64, P, c_float, P, P, P, P]),
    "heed_cuda_lse_chunk": (c_int, [P, c_int, c_int64, c_int64, c_int64, c_int64, P, c_float, P, c_int, P]),
    "heed_cuda_lse_finish": (c_int, [c_int64, c_int64, P, P, P, P, P, P]),
    "heed_cuda_logprob_backward": (c_int, [P, c_int, c_int64, c_int64, c_int64, c_int64, P, c_float, P, P, P, P,
                                           P, c_int64, P]),
    "heed_cuda_kl_forward": (c_int, [P, P, c_int64, c_int, P, P]),
    "heed_cuda_kl_backward": (c_int, [P, P, c_int64, c_int, P, P, P]),
    "heed_cuda_policy_loss_workspace": (c_int64, [c_int64]),
    "heed_cuda_policy_loss": (c_int, [P, P, P, c_int, P, P, c_int64, c_int64, c_float, c_float, c_float, c_float,
                                      c_int, c_int, P, P, P, P]),
    "heed_cuda_group_advantages": (c_int, [P, c_int64, c_int64, c_float, c_int, P, P]),
}


class KernelError(RuntimeError):
    pass


def load(path):
    """The library with every function typed; raises if one is missing."""
    lib = ctypes.CDLL(path)
    for name, (restype, argtypes) in SIGNATURES.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes
    return lib


def check(rc, what):
    if rc != 0:
        raise KernelError(f"{what}: CUDA error {rc}")


def header_functions(header_text):
    """Names of the heed_cuda_* functions declared in heed_kernels.h."""
    return sorted(set(re.findall(r"\b(heed_cuda_\w+)\s*\(", header_text)))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    lib = load(argv[1])
    if len(argv) > 2:
        declared = header_functions(open(argv[2]).read())
        missing = sorted(set(declared) - set(SIGNATURES))
        extra = sorted(set(SIGNATURES) - set(declared))
        if missing or extra:
            print(f"binding out of date: missing {missing}, not in header {extra}")
            return 1
    print(f"ok: {len(SIGNATURES)} functions; policy-loss workspace for 3 rows = "
          f"{lib.heed_cuda_policy_loss_workspace(3)} floats")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
