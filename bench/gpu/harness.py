#!/usr/bin/env python3
"""GPU check of Heed's CUDA kernels against PyTorch: correctness of every op on fresh random inputs, then
timings (CUDA events, median of many) against PyTorch eager and against the memory floor, i.e. the bytes
an op must move divided by the device-to-device copy bandwidth measured in the same run.

Prints one JSON object per line; exits 1 if a correctness check fails. bench/gpu/check.sh runs it.
"""
import argparse
import json
import statistics
import sys

import torch

import heed_cuda as hc

DEV = "cuda"


def emit(obj):
    print(json.dumps(obj), flush=True)


def rel_err(actual, expected):
    a, b = actual.detach().double(), expected.detach().double()
    if b.numel() == 0:
        return 0.0
    return ((a - b).abs().max() / b.abs().max().clamp_min(1e-30)).item()


def dtype_code(t):
    if t.dtype == torch.float32:
        return hc.F32
    if t.dtype == torch.bfloat16:
        return hc.BF16
    raise ValueError(f"unsupported dtype {t.dtype}")


def p(t):
    return None if t is None else t.data_ptr()


class Kernels:
    """The CUDA ops with PyTorch tensors in and out, on the current stream."""

    def __init__(self, lib):
        self.lib = lib

    @staticmethod
    def stream():
        return torch.cuda.current_stream().cuda_stream

    def logprob_forward(self, logits, targets, temperature=1.0, entropy=True):
        n, v = logits.shape
        logp = torch.empty(n, device=DEV)
        ent = torch.empty(n, device=DEV) if entropy else None
        lse = torch.empty(n, device=DEV, dtype=torch.float64)
        hc.check(self.lib.heed_cuda_logprob_forward(p(logits), dtype_code(logits), n, v, logits.stride(0), p(targets),
                                                    1.0 / temperature, p(logp), p(ent), p(lse), self.stream()),
                 "logprob forward")
        return logp, ent, lse

    def logprob_backward(self, logits, targets, temperature, lse, ent, g_logp, g_ent, in_place=False, v0=0):
        n, vc = logits.shape
        out = logits if in_place else torch.empty_like(logits)
        hc.check(self.lib.heed_cuda_logprob_backward(p(logits), dtype_code(logits), n, vc, logits.stride(0), v0,
                                                     p(targets), 1.0 / temperature, p(lse), p(ent), p(g_logp),
                                                     p(g_ent), p(out), out.stride(0), self.stream()),
                 "logprob backward")
        return out

    def linear_logprob(self, hidden, weight, targets, temperature, chunk, g_logp=None):
        """Forward through vocabulary chunks of `chunk` rows of the weight; with g_logp also the backward."""
        n, v = hidden.shape[0], weight.shape[0]
        state = torch.empty(n, hc.LSE_STATE, device=DEV, dtype=torch.float64)
        buf = torch.empty(n * min(chunk, v), device=DEV, dtype=hidden.dtype)
        inv = 1.0 / temperature
        for v0 in range(0, v, chunk):
            vc = min(chunk, v - v0)
            logits = torch.mm(hidden, weight[v0:v0 + vc].t(), out=buf[:n * vc].view(n, vc))
            hc.check(self.lib.heed_cuda_lse_chunk(p(logits), dtype_code(logits), n, vc, vc, v0, p(targets), inv,
                                                  p(state), int(v0 == 0), self.stream()), "lse chunk")
        logp = torch.empty(n, device=DEV)
        ent = torch.empty(n, device=DEV)
        lse = torch.empty(n, device=DEV, dtype=torch.float64)
        hc.check(self.lib.heed_cuda_lse_finish(n, v, p(targets), p(state), p(logp), p(ent), p(lse), self.stream()),
                 "lse finish")
        if g_logp is None:
            return logp, ent, None, None
        dh = torch.zeros(n, hidden.shape[1], device=DEV, dtype=torch.float32)
        dw = torch.empty_like(weight)
        for v0 in range(0, v, chunk):
            vc = min(chunk, v - v0)
            w = weight[v0:v0 + vc]
            d = torch.mm(hidden, w.t(), out=buf[:n * vc].view(n, vc))
            self.logprob_backward(d, targets, temperature, lse, ent, g_logp, None, in_place=True, v0=v0)
            torch.mm(d.t(), hidden, out=dw[v0:v0 + vc])
            dh += (d @ w).float()
        return logp, ent, dh.to(hidden.dtype), dw

    def kl(self, logp, ref, kind, g=None):
        out = torch.empty_like(logp)
        if g is None:
            hc.check(self.lib.heed_cuda_kl_forward(p(logp), p(ref), logp.numel(), hc.KL[kind], p(out), self.stream()),
                     "kl forward")
        else:
            hc.check(self.lib.heed_cuda_kl_backward(p(logp), p(ref), logp.numel(), hc.KL[kind], p(g), p(out),
                                                    self.stream()), "kl backward")
        return out

    def workspace(self, b):
        return torch.empty(self.lib.heed_cuda_policy_loss_workspace(b), device=DEV)

    def policy_loss(self, logp, old, adv, mask, ref, clip_low, clip_high, dual, kl_coef, kl_kind, agg,
                    workspace=None):
        b, t = logp.shape
        dlogp = torch.empty_like(logp)
        stats = torch.empty(len(hc.STATS), device=DEV)
        ws = workspace if workspace is not None else self.workspace(b)
        hc.check(self.lib.heed_cuda_policy_loss(p(logp), p(old), p(adv), int(adv.dim() == 2), p(mask), p(ref), b, t,
                                                clip_low, clip_high, dual, kl_coef, hc.KL[kl_kind],
                                                hc.AGGREGATIONS.index(agg), p(dlogp), p(stats), p(ws), self.stream()),
                 "policy loss")
        return dlogp, stats

    def advantages(self, rewards, n, eps, mode, out=None):
        out = torch.empty_like(rewards) if out is None else out
        hc.check(self.lib.heed_cuda_group_advantages(p(rewards), rewards.numel() // n, n, eps, hc.ADVANTAGES[mode],
                                                     p(out), self.stream()), "group advantages")
        return out


# ---------------------------------------------------------------- PyTorch references (verl's compositions)

def ref_logprob(logits, targets, temperature=1.0):
    z = logits / temperature if temperature != 1.0 else logits
    valid = targets >= 0
    lp = z.log_softmax(-1).gather(-1, targets.clamp_min(0).unsqueeze(-1)).squeeze(-1)
    return lp.masked_fill(~valid, 0).float()


def ref_entropy(logits, temperature=1.0):
    z = logits / temperature if temperature != 1.0 else logits
    return -(z.softmax(-1) * z.log_softmax(-1).clamp_min(-1e30)).sum(-1).float()


def ref_kl(logp, ref, kind):
    if kind == "k1":
        return logp - ref
    if kind == "k2":
        return 0.5 * (logp - ref).square()
    kl = (ref - logp).clamp(-20, 20)
    return (kl.exp() - kl - 1).clamp(-10, 10)


def ref_aggregate(loss, mask, agg):
    masked = loss * mask
    if agg == "token-mean":
        return masked.sum() / mask.sum()
    if agg == "seq-mean-token-sum-norm":
        return masked.sum() / loss.shape[1]
    tokens = mask.sum(-1)
    seq = masked.sum(-1)
    if agg == "seq-mean-token-mean":
        seq = seq / tokens.clamp_min(1e-30)
    nonempty = (tokens > 0).float()
    return (seq * nonempty).sum() / nonempty.sum()


def ref_policy_loss(logp, old, adv, mask, ref, clip_low, clip_high, dual, kl_coef, kl_kind, agg):
    a = adv.unsqueeze(-1) if adv.dim() == 1 else adv
    neg_kl = (logp - old).clamp(-20, 20)
    ratio = neg_kl.exp()
    l1, l2 = -a * ratio, -a * ratio.clamp(1 - clip_low, 1 + clip_high)
    clip1 = torch.maximum(l1, l2)
    stats = {"clip_frac": ((l2 > l1).float() * mask).sum() / mask.sum(),
             "approx_kl": (-neg_kl * mask).sum() / mask.sum()}
    pg = clip1
    if dual > 1:
        l3 = -a * dual
        pg = torch.where(a < 0, torch.minimum(l3, clip1), clip1)
        stats["clip_frac_lower"] = (((clip1 > l3) & (a < 0)).float() * mask).sum() / mask.sum()
    loss = stats["pg_loss"] = ref_aggregate(pg, mask, agg)
    if kl_coef > 0:
        stats["kl_loss"] = ref_aggregate(ref_kl(logp, ref, kl_kind), mask, agg)
        loss = loss + kl_coef * stats["kl_loss"]
    stats["loss"] = loss
    return stats


def ref_advantages(r, n, eps, mode):
    g = r.view(-1, n)
    if n == 1:
        return (g / (1 + eps) if mode == "grpo" else g).reshape(-1)
    mean = g.mean(1, keepdim=True)
    if mode == "rloo":
        return ((g * n - g.sum(1, keepdim=True)) / (n - 1)).reshape(-1)
    if mode == "drgrpo":
        return (g - mean).reshape(-1)
    return ((g - mean) / (g.std(1, keepdim=True) + eps)).reshape(-1)


# ---------------------------------------------------------------- correctness

class Checks:
    def __init__(self):
        self.failed = []

    def expect(self, name, actual, expected, tol):
        err = rel_err(actual, expected)
        ok = err <= tol and bool(torch.isfinite(actual.float()).all())
        emit({"check": name, "max_rel_err": err, "tol": tol, "ok": ok})
        if not ok:
            self.failed.append(name)

    def expect_scalar(self, name, actual, expected, tol=1e-5):
        """Metrics near 0 (fractions, approximate KL) are compared against max(1, |expected|)."""
        err = abs(actual - expected) / max(1.0, abs(expected))
        ok = err <= tol
        emit({"check": name, "abs_err": err, "tol": tol, "ok": ok})
        if not ok:
            self.failed.append(name)


def check_logprob(k, c):
    cases = [(1, 7, torch.float32, 1.0), (3, 2049, torch.float32, 1.0), (33, 1000, torch.float32, 0.7),
             (64, 151936, torch.float32, 1.0), (64, 151936, torch.bfloat16, 1.0), (5, 3001, torch.bfloat16, 0.6),
             (257, 4096, torch.bfloat16, 1.0)]
    for n, v, dt, temp in cases:
        name = f"logprob[{n},{v}] {str(dt)[6:]} T={temp}"
        logits = (torch.randn(n, v, device=DEV) * 3).to(dt).requires_grad_(True)
        targets = torch.randint(0, v, (n,), device=DEV)
        if n > 2:
            targets[1] = -100
        wl, we = torch.randn(n, device=DEV), torch.randn(n, device=DEV)
        rl, re_ = ref_logprob(logits, targets, temp), ref_entropy(logits, temp)
        ((rl * wl).sum() + (re_ * we).sum()).backward()
        logp, ent, lse = k.logprob_forward(logits.detach(), targets, temp)
        fwd_tol = 1e-5 if dt == torch.float32 else 1e-2
        c.expect(name + " logp", logp, rl, fwd_tol)
        c.expect(name + " entropy", ent, re_, fwd_tol)
        d = k.logprob_backward(logits.detach(), targets, temp, lse, ent, wl, we)
        c.expect(name + " dlogits", d, logits.grad, 1e-5 if dt == torch.float32 else 2e-2)
        work = logits.detach().clone()
        k.logprob_backward(work, targets, temp, lse, ent, wl, we, in_place=True)
        c.expect(name + " dlogits in place", work, d, 0.0)

    # extreme logits: ±1e4 and -inf entries away from the targets
    n, v = 6, 5000
    x = torch.randn(n, v, device=DEV)
    x[:, 10], x[:, 20], x[:, 100:4000:3] = 1e4, -1e4, float("-inf")
    x[3, 2048:4096] = float("-inf")
    x = x.requires_grad_(True)
    targets = torch.tensor([10, 20, 11, 4500, 0, 4999], device=DEV)
    wl, we = torch.randn(n, device=DEV), torch.randn(n, device=DEV)
    rl, re_ = ref_logprob(x, targets), ref_entropy(x)
    ((rl * wl).sum() + (re_ * we).sum()).backward()
    logp, ent, lse = k.logprob_forward(x.detach(), targets)
    c.expect("logprob extreme logp", logp, rl, 1e-5)
    c.expect("logprob extreme dlogits", k.logprob_backward(x.detach(), targets, 1.0, lse, ent, wl, we), x.grad, 1e-5)
    ok = bool(torch.isfinite(ent).all()) and (ent - re_).abs().max().item() < 1e-5
    emit({"check": "logprob extreme entropy", "ok": ok})
    if not ok:
        c.failed.append("logprob extreme entropy")


def check_linear(k, c):
    for n, h, v, dt, chunk in [(13, 24, 1001, torch.float32, 300), (9, 32, 515, torch.bfloat16, 64)]:
        name = f"linear_logprob[{n},{h},{v}] {str(dt)[6:]}"
        hidden = torch.randn(n, h, device=DEV, dtype=dt, requires_grad=True)
        weight = (torch.randn(v, h, device=DEV) * 0.5).to(dt).requires_grad_(True)
        targets = torch.randint(0, v, (n,), device=DEV)
        g = torch.randn(n, device=DEV)
        ref = ref_logprob(hidden @ weight.t(), targets)
        (ref * g).sum().backward()
        logp, _, dh, dw = k.linear_logprob(hidden.detach(), weight.detach(), targets, 1.0, chunk, g)
        tol = 1e-5 if dt == torch.float32 else 1e-2
        c.expect(name + " logp", logp, ref, tol)
        c.expect(name + " dhidden", dh, hidden.grad, tol if dt == torch.float32 else 3e-2)
        c.expect(name + " dweight", dw, weight.grad, tol if dt == torch.float32 else 3e-2)


def check_kl(k, c):
    for kind in hc.KL:
        logp = (torch.randn(7, 301, device=DEV) * 12).requires_grad_(True)
        ref = torch.randn(7, 301, device=DEV) * 12
        g = torch.randn(7, 301, device=DEV)
        e = ref_kl(logp, ref, kind)
        e.backward(g)
        c.expect(f"kl {kind}", k.kl(logp.detach(), ref, kind), e, 1e-5)
        c.expect(f"kl {kind} grad", k.kl(logp.detach(), ref, kind, g), logp.grad, 1e-5)


def check_policy_loss(k, c):
    b, t = 9, 37
    for agg in hc.AGGREGATIONS:
        for dual in (3.0, 0.0):
            for kl_coef in (0.0, 0.1):
                for per_token in (False, True):
                    name = f"policy_loss {agg} dual={dual} kl={kl_coef} per_token={per_token}"
                    old = torch.randn(b, t, device=DEV) * 0.5 - 2
                    logp = (old + torch.randn(b, t, device=DEV) * 0.3).requires_grad_(True)
                    ref = old + torch.randn(b, t, device=DEV) * 0.2
                    adv = torch.randn(b, t, device=DEV) if per_token else torch.randn(b, device=DEV)
                    mask = (torch.rand(b, t, device=DEV) > 0.3).float()
                    mask[2], mask[5] = 0, 1
                    r = ref_policy_loss(logp, old, adv, mask, ref, 0.2, 0.28, dual, kl_coef, "k3", agg)
                    r["loss"].backward()
                    dlogp, stats = k.policy_loss(logp.detach(), old, adv, mask, ref if kl_coef else None, 0.2, 0.28,
                                                 dual, kl_coef, "k3", agg)
                    c.expect(name + " dlogp", dlogp, logp.grad, 1e-5)
                    for key, value in r.items():
                        c.expect_scalar(f"{name} {key}", stats[hc.STATS.index(key)].item(), value.item())


def check_advantages(k, c):
    for groups, n in [(1, 2), (7, 5), (64, 8), (3, 1)]:
        r = torch.rand(groups * n, device=DEV)
        for mode in hc.ADVANTAGES:
            c.expect(f"advantages {mode} {groups}x{n}", k.advantages(r, n, 1e-6, mode), ref_advantages(r, n, 1e-6, mode),
                     1e-5)


# ---------------------------------------------------------------- timing

def time_ms(fn, reps, warmup=3):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    events = []
    for _ in range(reps):
        s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        s.record()
        fn()
        e.record()
        events.append((s, e))
    torch.cuda.synchronize()
    return statistics.median(s.elapsed_time(e) for s, e in events)


def peak_extra_mb(fn):
    torch.cuda.synchronize()
    base = torch.cuda.memory_allocated()
    torch.cuda.reset_peak_memory_stats()
    fn()
    torch.cuda.synchronize()
    return (torch.cuda.max_memory_allocated() - base) / 2**20


def copy_bandwidth(nbytes, reps):
    """Device-to-device copy bandwidth in bytes/s (each copy reads and writes nbytes)."""
    src = torch.empty(nbytes, dtype=torch.uint8, device=DEV)
    dst = torch.empty_like(src)
    ms = time_ms(lambda: dst.copy_(src), reps)
    del src, dst
    return 2 * nbytes / (ms / 1e3)


def timings(k, args):
    n, v, dt = args.tokens, args.vocab, getattr(torch, args.dtype)
    esize = torch.tensor([], dtype=dt).element_size()
    nbytes = n * v * esize
    bw = copy_bandwidth(nbytes, args.reps)
    device = torch.cuda.get_device_name()
    emit({"op": "copy", "device": device, "bytes": nbytes, "bandwidth_gb_s": bw / 1e9})
    base = {"device": device, "dtype": args.dtype, "tokens": n, "vocab": v}
    results = {}

    logits = (torch.randn(n, v, device=DEV) * 2).to(dt)
    targets = torch.randint(0, v, (n,), device=DEV)
    g = torch.randn(n, device=DEV)

    fused_fwd = time_ms(lambda: k.logprob_forward(logits, targets, 1.0, False), args.reps)
    with torch.no_grad():
        eager_fwd = time_ms(lambda: ref_logprob(logits, targets), args.reps)
    floor = nbytes / bw * 1e3
    results["logprob_fwd_bw_frac"] = floor / fused_fwd
    emit({"op": "logprob_fwd", **base, "heed_ms": fused_fwd, "eager_ms": eager_fwd, "floor_ms": floor,
          "bandwidth_frac": floor / fused_fwd})

    def fused_train():
        logp, _, lse = k.logprob_forward(logits, targets, 1.0, False)
        k.logprob_backward(logits, targets, 1.0, lse, None, g, None, in_place=True)

    def eager_train():
        leaf = logits.detach().requires_grad_(True)
        (ref_logprob(leaf, targets) * g).sum().backward()

    fused_t, eager_t = time_ms(fused_train, args.reps), time_ms(eager_train, args.reps)
    results["logprob_train_speedup"] = eager_t / fused_t
    emit({"op": "logprob", **base, "heed_ms": fused_t, "eager_ms": eager_t, "floor_ms": 3 * floor,
          "bandwidth_frac": 3 * floor / fused_t, "speedup": eager_t / fused_t,
          "heed_extra_mb": peak_extra_mb(fused_train), "eager_extra_mb": peak_extra_mb(eager_train)})
    del logits
    torch.cuda.empty_cache()

    # the per-step RL path: group advantages, then the PPO loss with a k3 KL penalty, over n tokens
    seq = 512
    b = max(8, n // seq) // 8 * 8
    rewards = torch.rand(b, device=DEV)
    old = torch.randn(b, seq, device=DEV) - 2
    logp = old + 0.2 * torch.randn(b, seq, device=DEV)
    ref = old + 0.2 * torch.randn(b, seq, device=DEV)
    mask = (torch.rand(b, seq, device=DEV) > 0.1).float()
    adv = torch.empty(b, device=DEV)
    ws = k.workspace(b)

    def fused_loss():
        k.advantages(rewards, 8, 1e-6, "grpo", out=adv)
        k.policy_loss(logp, old, adv, mask, ref, 0.2, 0.28, 3.0, 0.001, "k3", "token-mean", workspace=ws)

    def eager_loss():
        a = ref_advantages(rewards, 8, 1e-6, "grpo")
        leaf = logp.detach().requires_grad_(True)
        ref_policy_loss(leaf, old, a, mask, ref, 0.2, 0.28, 3.0, 0.001, "k3", "token-mean")["loss"].backward()

    fused_l, eager_l = time_ms(fused_loss, max(args.reps, 200)), time_ms(eager_loss, max(args.reps, 50))
    results["loss_path_us"] = fused_l * 1e3
    emit({"op": "advantages+policy_loss+kl", **base, "vocab": None, "sequences": b, "heed_ms": fused_l,
          "eager_ms": eager_l, "speedup": eager_l / fused_l})

    hidden_n, h = min(n, args.linear_tokens), args.hidden
    hidden = torch.randn(hidden_n, h, device=DEV, dtype=dt)
    weight = (torch.randn(v, h, device=DEV) / h ** 0.5).to(dt)
    lt = torch.randint(0, v, (hidden_n,), device=DEV)
    lg = torch.randn(hidden_n, device=DEV)
    chunk = max(1, (1 << 26) // hidden_n)

    def eager_linear():
        hh, ww = hidden.detach().requires_grad_(True), weight.detach().requires_grad_(True)
        (ref_logprob(hh @ ww.t(), lt) * lg).sum().backward()

    fused_lin = time_ms(lambda: k.linear_logprob(hidden, weight, lt, 1.0, chunk, lg), max(3, args.reps // 4))
    eager_lin = time_ms(eager_linear, max(3, args.reps // 4))
    emit({"op": "linear_logprob", **base, "tokens": hidden_n, "hidden": h, "heed_ms": fused_lin, "eager_ms": eager_lin,
          "heed_extra_mb": peak_extra_mb(lambda: k.linear_logprob(hidden, weight, lt, 1.0, chunk, lg)),
          "eager_extra_mb": peak_extra_mb(eager_linear)})
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lib", required=True, help="libheedcuda.so built by cuda-kernels/build.sh")
    ap.add_argument("--tokens", type=int, default=16384)
    ap.add_argument("--vocab", type=int, default=151936)
    ap.add_argument("--dtype", default="bfloat16", choices=["bfloat16", "float32"])
    ap.add_argument("--reps", type=int, default=30, help="timed repetitions (median)")
    ap.add_argument("--hidden", type=int, default=4096, help="hidden size of the fused LM head timing")
    ap.add_argument("--linear-tokens", type=int, default=4096, help="tokens of the fused LM head timing")
    ap.add_argument("--skip-timing", action="store_true")
    args = ap.parse_args()

    torch.manual_seed(0)
    k = Kernels(hc.load(args.lib))
    c = Checks()
    for check in (check_logprob, check_linear, check_kl, check_policy_loss, check_advantages):
        check(k, c)
    summary = {"summary": True, "device": torch.cuda.get_device_name(), "torch": torch.__version__,
               "checks_failed": c.failed}
    if not args.skip_timing:
        r = timings(k, args)
        summary["targets"] = {
            "logprob_fwd >= 80% of copy bandwidth": r["logprob_fwd_bw_frac"] >= 0.8,
            "logprob fwd+bwd >= 3x eager": r["logprob_train_speedup"] >= 3.0,
            "advantages+loss+kl <= 20 us": r["loss_path_us"] <= 20.0,
        }
        summary.update(r)
    emit(summary)
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
