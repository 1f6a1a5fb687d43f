#!/usr/bin/env python3
"""Checks `heed generate --temperature 0 --logprobs` output token by token against the PyTorch peer.

The peer (generate_peer.py) is an independent eager implementation of the same architectures. For every row
of the output file it regenerates the greedy continuation of `prompt_ids` and recomputes the log-prob of each
response token, then prints how many sequences are identical and the largest log-prob difference. Exit
status 1 when a sequence differs or a log-prob is off by more than --tolerance.

Usage: python3 bench/peers/compare_generate.py --model DIR --generated OUT.jsonl [--tolerance 1e-4]
"""
import argparse
import json
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from generate_peer import Peer  # noqa: E402


def logprobs(peer, prompt, response):
    """Log-probs of each response token, feeding the peer one token at a time through its KV cache."""
    length = len(prompt) + len(response)
    cache = [(torch.zeros(1, peer.kv, length, peer.dim), torch.zeros(1, peer.kv, length, peer.dim))
             for _ in range(peer.layers)]
    ids = torch.tensor([prompt + response])
    logits = peer.step(ids[:, :len(prompt)], cache, 0)
    out = []
    for i, token in enumerate(response):
        out.append(torch.log_softmax(logits, -1)[0, token].item())
        at = len(prompt) + i
        logits = peer.step(ids[:, at:at + 1], cache, at)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--generated", required=True)
    ap.add_argument("--tolerance", type=float, default=1e-4)
    args = ap.parse_args()
    peer = Peer(args.model)
    rows = [json.loads(line) for line in pathlib.Path(args.generated).read_text().splitlines() if line.strip()]
    same, worst = 0, 0.0
    with torch.inference_mode():
        for row in rows:
            prompt, response = row["prompt_ids"], row["response_ids"]
            greedy = peer.greedy(torch.tensor([prompt]), len(response))[0].tolist()
            same += greedy == response
            diffs = [abs(a - b) for a, b in zip(logprobs(peer, prompt, response), row["logprobs"])]
            worst = max([worst] + diffs)
    print(f"{same}/{len(rows)} greedy sequences identical; max |logprob difference| {worst:.2e}")
    sys.exit(0 if same == len(rows) and worst <= args.tolerance else 1)


if __name__ == "__main__":
    main()
