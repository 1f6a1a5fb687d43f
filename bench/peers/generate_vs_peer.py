#!/usr/bin/env python3
"""Heed against the PyTorch peer on decode throughput, in one run, as bench/RESULTS.md reports it.

Writes the model folder `heed bench generate` builds internally (`heed model init`, same arch, preset and seed),
runs `heed bench generate --json` and then generate_peer.py on it with the same thread count, and prints a
markdown table: tokens/s of both and Heed / peer per batch size, then continuous / static on the long-tail mix.

Usage: python3 bench/peers/generate_vs_peer.py --preset tiny|small [--threads 1] [--repeats 3]
Needs: Debian's python3-torch (and OPENBLAS_NUM_THREADS=1 on a small machine, see RESULTS.md).
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def heed(*args):
    return subprocess.run([str(ROOT / "heed"), *args], check=True, capture_output=True, text=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="tiny")
    ap.add_argument("--arch", default="qwen2")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        model = pathlib.Path(tmp) / "model"
        heed("model", "init", "--arch", args.arch, "--preset", args.preset, "--seed", "0", "--out", str(model))
        rows = [json.loads(line) for line in heed("bench", "generate", "--arch", args.arch, "--preset", args.preset,
                                                       "--threads", str(args.threads), "--repeats", str(args.repeats),
                                                       "--temperature", "0", "--json").splitlines() if line.strip()]
        peer_out = subprocess.run([sys.executable, str(ROOT / "bench/peers/generate_peer.py"), "--model", str(model),
                                   "--threads", str(args.threads), "--repeats", str(args.repeats)],
                                  check=True, capture_output=True, text=True).stdout
    peer = {int(parts[-4]): float(parts[-1]) for parts in (line.split() for line in peer_out.splitlines()[1:])}
    print(f"| preset | threads | batch | Heed tokens/s | peer tokens/s | Heed / peer |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        if row["case"] == "decode":
            b, mine = row["batch"], row["tokens_per_s"]
            print(f"| {args.preset} | {args.threads} | {b} | {mine:,.0f} | {peer[b]:,.0f} | {mine / peer[b]:.2f}x |")
    tail = {row["case"]: row["tokens_per_s"] for row in rows if row["case"].startswith("long-tail")}
    static, continuous = tail["long-tail static"], tail["long-tail continuous"]
    print(f"\nlong-tail ({args.preset}, {args.threads} thread(s)): static {static:,.0f} tokens/s, continuous "
          f"{continuous:,.0f} tokens/s, continuous / static {continuous / static:.2f}x")


if __name__ == "__main__":
    main()
