#!/usr/bin/env python3
"""Cross-checks Heed's decoder against Hugging Face transformers (an independent implementation).

For each architecture: `heed model init` writes a random model, `heed model logits` runs it on a chat
prompt, then transformers loads the same folder, applies the same chat template and tokenizer, and runs
its own forward. Prints the token-id agreement and the max |logit difference|; exits 1 above --tol.

Needs torch, transformers and safetensors in the Python environment (not needed by Heed itself).
Usage: python3 bench/parity/check_hf_logits.py [--heed ./heed] [--work DIR] [--tol 1e-4]
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile

import torch
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM, AutoTokenizer

TEXT = "List three prime numbers, then explain why 1 is not prime. ✓ Ünïcødé 你好"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--heed", default=str(pathlib.Path(__file__).resolve().parents[2] / "heed"))
    ap.add_argument("--work", default=None)
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--preset", default="tiny")
    args = ap.parse_args()
    work = pathlib.Path(args.work or tempfile.mkdtemp(prefix="heed-parity-"))
    worst = 0.0
    for arch in ["qwen2", "qwen3", "llama"]:
        model = work / f"{arch}-{args.preset}"
        out = work / f"{arch}-{args.preset}.logits.safetensors"
        if not model.exists():
            subprocess.run([args.heed, "model", "init", "--arch", arch, "--preset", args.preset, "--seed", "1",
                            "--out", str(model)], check=True)
        subprocess.run([args.heed, "model", "logits", str(model), "--chat", "--text", TEXT, "--out", str(out)], check=True)
        heed = load_file(str(out))
        tok = AutoTokenizer.from_pretrained(model)
        ids = tok.apply_chat_template([{"role": "user", "content": TEXT}], add_generation_prompt=True, tokenize=False)
        ids = tok(ids, add_special_tokens=False)["input_ids"]
        hf = AutoModelForCausalLM.from_pretrained(model, dtype=torch.float32).eval()
        with torch.no_grad():
            ref = hf(input_ids=heed["input_ids"][None]).logits[0]
        diff = (ref - heed["logits"]).abs().max().item()
        worst = max(worst, diff)
        same = ids == heed["input_ids"].tolist()
        print(f"{arch:6s} tokens={len(ids):3d} ids_equal={same} max_abs_logit_diff={diff:.3e} "
              f"logit_scale={ref.abs().max().item():.3f}")
        if not same:
            worst = float("inf")
    print(f"worst {worst:.3e} (tolerance {args.tol})")
    sys.exit(0 if worst <= args.tol else 1)


if __name__ == "__main__":
    main()
