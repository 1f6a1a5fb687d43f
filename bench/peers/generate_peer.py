#!/usr/bin/env python3
"""The decode peer for `heed bench generate`: the same decoder in plain PyTorch eager, greedy with a KV cache.

Reads a Hugging Face folder written by `heed model init` (config.json + model.safetensors), so both engines
run the same weights; needs only torch (Debian's python3-torch is enough: no transformers, no safetensors).
Prints generated tokens/s per batch size, prefill included, as `heed bench generate` counts them (median of
--repeats runs, as there).

Usage: python3 bench/peers/generate_peer.py --model DIR [--batches 1,8,64] [--prompt-tokens 64]
       [--output-tokens 128] [--threads N] [--repeats 3]
"""
import argparse
import json
import math
import pathlib
import struct
import time

import torch

DTYPES = {"F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16}


def load_safetensors(folder):
    tensors = {}
    for path in sorted(pathlib.Path(folder).glob("*.safetensors")):
        raw = path.read_bytes()
        (n,) = struct.unpack("<Q", raw[:8])
        header = json.loads(raw[8:8 + n])
        base = 8 + n
        for name, info in header.items():
            if name == "__metadata__":
                continue
            start, end = info["data_offsets"]
            buf = bytearray(raw[base + start:base + end])
            t = torch.frombuffer(buf, dtype=DTYPES[info["dtype"]]) if buf else torch.empty(0)
            tensors[name] = t.reshape(info["shape"]).to(torch.float32)
    return tensors


def inv_freq(cfg, dim):
    inv = 1.0 / (cfg["rope_theta"] ** (torch.arange(0, dim, 2, dtype=torch.float32) / dim))
    rs = cfg.get("rope_scaling")
    if rs and rs.get("rope_type", rs.get("type")) == "llama3":
        factor, low, high, old = rs["factor"], rs["low_freq_factor"], rs["high_freq_factor"], rs["original_max_position_embeddings"]
        wavelen = 2 * math.pi / inv
        scaled = torch.where(wavelen > old / low, inv / factor, inv)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = (wavelen >= old / high) & (wavelen <= old / low)
        inv = torch.where(medium, smoothed, scaled)
    return inv


class Peer:
    def __init__(self, folder):
        self.cfg = json.loads((pathlib.Path(folder) / "config.json").read_text())
        self.w = load_safetensors(folder)
        c = self.cfg
        self.heads, self.kv = c["num_attention_heads"], c["num_key_value_heads"]
        self.dim = c.get("head_dim") or c["hidden_size"] // self.heads
        self.eps = c["rms_norm_eps"]
        self.layers = c["num_hidden_layers"]
        self.inv = inv_freq(c, self.dim)
        self.head = self.w.get("lm_head.weight", self.w["model.embed_tokens.weight"])

    def norm(self, x, name):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.w[name]

    def lin(self, x, name):
        return torch.nn.functional.linear(x, self.w[name + ".weight"], self.w.get(name + ".bias"))

    def rope(self, x, pos):
        f = pos[:, None].float() * self.inv[None, :]
        emb = torch.cat([f, f], -1)
        cos, sin = emb.cos()[None, None], emb.sin()[None, None]
        half = x.shape[-1] // 2
        return x * cos + torch.cat([-x[..., half:], x[..., :half]], -1) * sin

    def step(self, ids, cache, start):
        """Logits of the last position for ids [B, T] at positions start.., extending cache in place."""
        b, t = ids.shape
        pos = torch.arange(start, start + t)
        x = self.w["model.embed_tokens.weight"][ids]
        for i in range(self.layers):
            p = f"model.layers.{i}."
            h = self.norm(x, p + "input_layernorm.weight")
            q = self.lin(h, p + "self_attn.q_proj").view(b, t, self.heads, self.dim)
            k = self.lin(h, p + "self_attn.k_proj").view(b, t, self.kv, self.dim)
            v = self.lin(h, p + "self_attn.v_proj").view(b, t, self.kv, self.dim).transpose(1, 2)
            if p + "self_attn.q_norm.weight" in self.w:
                q = self.norm(q, p + "self_attn.q_norm.weight")
                k = self.norm(k, p + "self_attn.k_norm.weight")
            q, k = self.rope(q.transpose(1, 2), pos), self.rope(k.transpose(1, 2), pos)
            keys, values = cache[i]
            keys[:, :, start:start + t] = k
            values[:, :, start:start + t] = v
            k, v = keys[:, :, :start + t], values[:, :, :start + t]
            rep = self.heads // self.kv
            k, v = k.repeat_interleave(rep, 1), v.repeat_interleave(rep, 1)
            scores = q @ k.transpose(-1, -2) / math.sqrt(self.dim)  # torch 1.13 has no scaled_dot_product_attention
            if t > 1:
                scores = scores.masked_fill(torch.ones(t, start + t, dtype=torch.bool).triu(start + 1), float("-inf"))
            a = scores.softmax(-1) @ v
            x = x + self.lin(a.transpose(1, 2).reshape(b, t, -1), p + "self_attn.o_proj")
            h = self.norm(x, p + "post_attention_layernorm.weight")
            x = x + self.lin(torch.nn.functional.silu(self.lin(h, p + "mlp.gate_proj")) * self.lin(h, p + "mlp.up_proj"), p + "mlp.down_proj")
        return torch.nn.functional.linear(self.norm(x[:, -1], "model.norm.weight"), self.head)

    def greedy(self, prompts, new_tokens):
        b, p = prompts.shape
        cache = [(torch.zeros(b, self.kv, p + new_tokens, self.dim), torch.zeros(b, self.kv, p + new_tokens, self.dim))
                 for _ in range(self.layers)]
        tok = self.step(prompts, cache, 0).argmax(-1)
        out = [tok]
        for n in range(1, new_tokens):
            tok = self.step(tok[:, None], cache, p + n - 1).argmax(-1)
            out.append(tok)
        return torch.stack(out, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--batches", default="1,8,64")
    ap.add_argument("--prompt-tokens", type=int, default=64)
    ap.add_argument("--output-tokens", type=int, default=128)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeats", type=int, default=3, help="runs per batch size; the median is reported")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    peer = Peer(args.model)
    print(f"{'case':<22} {'batch':>6} {'tokens':>8} {'seconds':>9} {'tokens/s':>10}")
    with torch.inference_mode():
        peer.greedy(torch.randint(3, 253, (1, args.prompt_tokens)), 4)  # warm-up, untimed
        for b in [int(x) for x in args.batches.split(",")]:
            prompts = torch.randint(3, 253, (b, args.prompt_tokens))
            times = []
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                out = peer.greedy(prompts, args.output_tokens)
                times.append(time.perf_counter() - t0)
            s = sorted(times)[len(times) // 2]
            print(f"{'peer decode (torch)':<22} {b:>6} {out.numel():>8} {s:>9.2f} {out.numel() / s:>10.1f}", flush=True)


if __name__ == "__main__":
    main()
