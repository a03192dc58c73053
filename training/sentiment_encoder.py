"""A small char-level transformer for three-class utterance sentiment (experiment; not shipped
by default, see models/sentiment/MODEL_CARD.md).

    python -m training.sentiment_encoder bundle OUT_DIR      # here: texts + rows for the device
    python -m training.sentiment_encoder run BUNDLE OUT [--tiny] [--pretrain-s 200 --finetune-s 150]

``bundle`` writes, from ../shared/data, the Chinese text for MLM pretraining (every
sentiment and complaint source, labelled or not), the three-class training rows of
``training/sentiment_three.py`` (hand-labelled dev turns included, test turns excluded) and
the hand-labelled dev/test turns to predict. ``run`` (needs torch; a GPU makes it
minutes): builds a char vocabulary, pretrains a 4-layer encoder with masked-LM, fine-tunes
it on the rows with a role token (agent / customer) in front, and writes the class
probabilities of the dev/test turns (``eval_probs.npy``, row order of ``eval.jsonl.gz``),
the teacher probabilities of the training rows (``train_probs.npy``), the weights (fp16)
and a JSON log. Nothing here downloads anything.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
from pathlib import Path

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[MASK]", "[AGENT]", "[CUSTOMER]"]
PAD, UNK, CLS, MASK, AGENT, CUSTOMER = range(len(SPECIAL))


# -- here: the bundle ------------------------------------------------------------------------

def _write_jsonl(path: Path, rows) -> int:
    n = 0
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def bundle(out: Path) -> dict:
    from training.data import load_conversational, load_musied, load_reviews, load_stc3
    from training.sentiment_labels import load_labels, split_of_turn
    from training.sentiment_three import training_rows, weibo_rows

    out.mkdir(parents=True, exist_ok=True)
    turns = load_labels()
    test = [t for t in turns if split_of_turn(t) == "test"]
    dev = [t for t in turns if split_of_turn(t) == "dev"]
    test_docs = {t.doc for t in test if t.source == "musied"}
    held = {t.text for t in test}
    # Pretraining text: everything Chinese in ../shared/data except the test-side MUSIED documents
    # and the test turns themselves (MLM sees no labels, but keep the split clean anyway).
    texts = [r.text for r in load_conversational() + load_reviews()] + [r.text for r in weibo_rows()]
    for doc in load_musied():
        if str(doc["id"]) in test_docs:
            continue
        texts += [line.split(":", 1)[-1].strip().rstrip(",") for line in doc["content"]]
    for d in load_stc3():
        for turn in d["turns"]:
            texts += turn["utterances"]
    texts = [t for t in texts if t and t not in held]
    counts = {"pretrain": _write_jsonl(out / "pretrain.jsonl.gz", ({"t": t} for t in texts))}
    rows = training_rows(dev, held)
    counts["train"] = _write_jsonl(out / "train.jsonl.gz", ({"t": r.text, "y": r.y, "w": r.weight, "a": int(r.agent)}
                                                             for r in rows))
    counts["eval"] = _write_jsonl(out / "eval.jsonl.gz", ({"t": t.text, "split": split_of_turn(t), "a": int(t.role == "agent"),
                                                           "label": t.label} for t in dev + test))
    (out / "counts.json").write_text(json.dumps(counts))
    return counts


# -- there: the model ------------------------------------------------------------------------

def _read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def build_vocab(texts: list[str], min_count: int = 3, cap: int = 8000) -> list[str]:
    from collections import Counter

    c = Counter(ch for t in texts for ch in t.lower())
    chars = [ch for ch, n in c.most_common(cap) if n >= min_count and not ch.isspace()]
    return SPECIAL + chars


def make_model(vocab_size: int, d: int, layers: int, heads: int, max_len: int, n_classes: int = 3):
    import torch
    from torch import nn

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.tok = nn.Embedding(vocab_size, d, padding_idx=PAD)
            self.pos = nn.Embedding(max_len, d)
            layer = nn.TransformerEncoderLayer(d, heads, 4 * d, dropout=0.1, batch_first=True,
                                               norm_first=True, activation="gelu")
            self.enc = nn.TransformerEncoder(layer, layers)
            self.norm = nn.LayerNorm(d)
            self.mlm = nn.Linear(d, vocab_size)
            self.cls = nn.Sequential(nn.Dropout(0.1), nn.Linear(d, n_classes))

        def hidden(self, ids):
            pos = torch.arange(ids.shape[1], device=ids.device)[None, :]
            h = self.tok(ids) + self.pos(pos)
            return self.norm(self.enc(h, src_key_padding_mask=ids == PAD))

        def forward_mlm(self, ids):
            return self.mlm(self.hidden(ids))

        def forward(self, ids):
            h = self.hidden(ids)
            mask = (ids != PAD).unsqueeze(-1).float()
            pooled = 0.5 * h[:, 0] + 0.5 * (h * mask).sum(1) / mask.sum(1).clamp(min=1)
            return self.cls(pooled)

    return Encoder()


def encode(texts: list[str], index: dict[str, int], max_len: int, roles: list[int] | None = None):
    import torch

    ids = torch.full((len(texts), max_len), PAD, dtype=torch.long)
    for i, t in enumerate(texts):
        head = [CLS] if roles is None else [CLS, AGENT if roles[i] else CUSTOMER]
        seq = head + [index.get(ch, UNK) for ch in t.lower() if not ch.isspace()][:max_len - len(head)]
        ids[i, :len(seq)] = torch.tensor(seq)
    return ids


def run(bundle_dir: Path, out: Path, *, tiny: bool, pretrain_s: float, finetune_s: float, seed: int = 0) -> dict:
    import numpy as np
    import torch
    import torch.nn.functional as F

    torch.manual_seed(seed)
    random.seed(seed)
    out.mkdir(parents=True, exist_ok=True)
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    cfg = ({"d": 64, "layers": 2, "heads": 2, "max_len": 48, "batch": 64} if tiny else
           {"d": 256, "layers": 4, "heads": 4, "max_len": 96, "batch": 512})
    log: dict = {"device": dev, "cfg": cfg, "torch": torch.__version__}
    pre = [r["t"] for r in _read(bundle_dir / "pretrain.jsonl.gz")]
    train = _read(bundle_dir / "train.jsonl.gz")
    ev = _read(bundle_dir / "eval.jsonl.gz")
    if tiny:
        pre, train = pre[:3000], train[:2000]
    vocab = build_vocab(pre)
    index = {ch: i for i, ch in enumerate(vocab)}
    model = make_model(len(vocab), cfg["d"], cfg["layers"], cfg["heads"], cfg["max_len"]).to(dev)
    log["params"] = sum(p.numel() for p in model.parameters())
    amp = torch.autocast("cuda", dtype=torch.bfloat16) if dev == "cuda" else torch.autocast("cpu", enabled=False)

    # MLM pretraining: 15 % of real characters; of those 80 % [MASK], 10 % random, 10 % kept.
    pre_ids = encode(pre, index, cfg["max_len"])
    opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=0.01)
    t0, step, losses = time.time(), 0, []
    while time.time() - t0 < pretrain_s:
        b = pre_ids[torch.randint(len(pre_ids), (cfg["batch"],))].to(dev)
        real = b > MASK
        pick = (torch.rand(b.shape, device=dev) < 0.15) & real
        inp = b.clone()
        r = torch.rand(b.shape, device=dev)
        inp[pick & (r < 0.8)] = MASK
        rnd = pick & (r >= 0.8) & (r < 0.9)
        inp[rnd] = torch.randint(len(SPECIAL), len(vocab), (int(rnd.sum()),), device=dev)
        lr = 5e-4 * min(1.0, (step + 1) / 300)
        for g in opt.param_groups:
            g["lr"] = lr
        with amp:
            logits = model.forward_mlm(inp)
        loss = F.cross_entropy(logits.float()[pick], b[pick])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        losses.append(float(loss.detach()))
        step += 1
    log["pretrain"] = {"steps": step, "seconds": round(time.time() - t0, 1),
                       "loss_first": round(float(np.mean(losses[:50])), 3) if losses else None,
                       "loss_last": round(float(np.mean(losses[-50:])), 3) if losses else None}
    print(json.dumps(log), flush=True)

    # Fine-tuning: weighted cross-entropy on the three-class rows, role token in front.
    X = encode([r["t"] for r in train], index, cfg["max_len"], [r["a"] for r in train])
    y = torch.tensor([r["y"] for r in train])
    w = torch.tensor([r["w"] for r in train], dtype=torch.float)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-4, weight_decay=0.01)
    t0, step, losses = time.time(), 0, []
    total_guess = None
    while time.time() - t0 < finetune_s:
        idx = torch.randint(len(X), (cfg["batch"],))
        b, yb, wb = X[idx].to(dev), y[idx].to(dev), w[idx].to(dev)
        frac = (time.time() - t0) / finetune_s
        for g in opt.param_groups:
            g["lr"] = 2e-4 * min(1.0, (step + 1) / 200) * (0.5 * (1 + math.cos(math.pi * frac)))
        with amp:
            logits = model(b)
        loss = (F.cross_entropy(logits.float(), yb, reduction="none") * wb).sum() / wb.sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        losses.append(float(loss.detach()))
        step += 1
    log["finetune"] = {"steps": step, "seconds": round(time.time() - t0, 1), "epochs": round(step * cfg["batch"] / len(X), 2),
                       "loss_last": round(float(np.mean(losses[-50:])), 3) if losses else None}
    del total_guess

    model.eval()
    probs = []
    E = encode([r["t"] for r in ev], index, cfg["max_len"], [r["a"] for r in ev])
    with torch.no_grad():
        for i in range(0, len(E), 1024):
            with amp:
                probs.append(torch.softmax(model(E[i:i + 1024].to(dev)).float(), -1).cpu())
    P = torch.cat(probs).numpy()
    np.save(out / "eval_probs.npy", P.astype(np.float32))
    # Teacher probabilities on the training rows (for distilling into the linear model).
    teach = []
    with torch.no_grad():
        for i in range(0, len(X), 2048):
            with amp:
                teach.append(torch.softmax(model(X[i:i + 2048].to(dev)).float(), -1).cpu())
    np.save(out / "train_probs.npy", torch.cat(teach).numpy().astype(np.float16))
    # CPU speed of this encoder (one thread, batch of 100 short turns), for the speed figure.
    cpu = model.float().to("cpu")
    torch.set_num_threads(1)
    sample = encode([r["t"] for r in ev[:200]], index, cfg["max_len"], [r["a"] for r in ev[:200]])
    with torch.no_grad():
        t1 = time.time()
        for i in range(0, 200, 100):
            cpu(sample[i:i + 100])
        log["cpu_1thread_texts_per_s"] = round(200 / (time.time() - t1), 1)
    torch.save({k: v.half() for k, v in cpu.state_dict().items()}, out / "encoder_fp16.pt")
    (out / "vocab.txt").write_text("\n".join(vocab), encoding="utf-8")
    # A quick accuracy figure on the dev turns (the real report is eval/ on our side).
    lab = {"negative": 0, "neutral": 1, "positive": 2}
    for split in ("dev", "test"):
        rows = [(i, r) for i, r in enumerate(ev) if r["split"] == split]
        acc = float(np.mean([P[i].argmax() == lab[r["label"]] for i, r in rows])) if rows else None
        log[f"{split}_accuracy"] = round(acc, 4) if acc is not None else None
    (out / "log.json").write_text(json.dumps(log, indent=1))
    print(json.dumps(log), flush=True)
    return log


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bundle")
    b.add_argument("out", type=Path)
    r = sub.add_parser("run")
    r.add_argument("bundle", type=Path)
    r.add_argument("out", type=Path)
    r.add_argument("--tiny", action="store_true")
    r.add_argument("--pretrain-s", type=float, default=200)
    r.add_argument("--finetune-s", type=float, default=150)
    args = ap.parse_args(argv)
    if args.cmd == "bundle":
        print(bundle(args.out))
    else:
        run(args.bundle, args.out, tiny=args.tiny, pretrain_s=args.pretrain_s, finetune_s=args.finetune_s)


if __name__ == "__main__":
    main(sys.argv[1:])
