"""Independent Python/PyTorch cross-check of isce4j's LeNet-5 attacks (docs/method.md §1, §3).

Rebuilds the LeNet-5 of a trained isce4j run from weights exported by Export.java, checks its
logits and clean accuracy against isce4j's, then runs, written from the formulas only:
  - PGD-L2, untargeted, no random start, step 2.5*eps/steps, loss = CE on the deployed output
    (SCE: softmax(z); I-SCE paper variant: softmax(o), o = z/||z|| + m*onehot(argmax z)) and the
    C&W margin max_{k!=y} z_k - z_y on raw logits, best iterate kept (an image is not robust as
    soon as any iterate of either loss misclassifies it); plus the plain torchattacks convention
    (last iterate only, CE only);
  - DeepFool L2 (overshoot 0.02, 50 iterations, all classes, raw logits), one image at a time;
  - SimBA-DCT (step 0.2, 300 queries with the first counted, orthonormal 2-D DCT, frequencies by
    increasing u + v in a random order within each anti-diagonal), one image at a time, with the
    oracle compared either as float32 probabilities (what common implementations do) or as exact
    float64 log-odds (what isce4j does).
It compares the robust accuracies with the model's attacks/demo/results.json and times
PGD-L2 50 steps (CE) and DeepFool in images/s.

Run with Debian's PyTorch (/usr/bin/python3, python3-torch 1.13.1), see README.md.
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

MEAN, STD = 0.1307, 0.3081
NAMES = {  # isce4j (DJL) parameter name -> PyTorch role
    "01features_02SequentialBlock_01Conv2d_weight": "c1w",
    "01features_02SequentialBlock_01Conv2d_bias": "c1b",
    "01features_02SequentialBlock_04Conv2d_weight": "c2w",
    "01features_02SequentialBlock_04Conv2d_bias": "c2b",
    "01features_02SequentialBlock_08Linear_weight": "f1w",
    "01features_02SequentialBlock_08Linear_bias": "f1b",
    "01features_02SequentialBlock_10Linear_weight": "f2w",
    "01features_02SequentialBlock_10Linear_bias": "f2b",
    "02head_weight": "f3w",
    "02head_bias": "f3b",
}


# ---------------------------------------------------------------- data and model

def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_mnist(directory, n):
    x = read_idx(os.path.join(directory, "t10k-images-idx3-ubyte.gz"))[:n]
    y = read_idx(os.path.join(directory, "t10k-labels-idx1-ubyte.gz"))[:n]
    x = torch.from_numpy(x.astype(np.float32) / 255.0).reshape(n, 1, 28, 28)
    return x, torch.from_numpy(y.astype(np.int64))


def load_weights(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:6] == b"ISCEW1", "not an Export.java weight file"
    pos = 6
    (count,) = struct.unpack_from("<i", data, pos)
    pos += 4
    params = {}
    for _ in range(count):
        (nl,) = struct.unpack_from("<i", data, pos)
        pos += 4
        name = data[pos:pos + nl].decode()
        pos += nl
        (rank,) = struct.unpack_from("<i", data, pos)
        pos += 4
        shape = struct.unpack_from("<" + "i" * rank, data, pos)
        pos += 4 * rank
        size = int(np.prod(shape))
        arr = np.frombuffer(data, dtype="<f4", count=size, offset=pos).reshape(shape)
        pos += 4 * size
        # Runs saved since isce4j's convolutions became WideConvolution name them so.
        params[NAMES[name.replace("WideConvolution", "Conv2d")]] = torch.from_numpy(arr.copy())
    assert pos == len(data) and len(params) == len(NAMES)
    return params


class LeNet5(torch.nn.Module):
    """isce4j's LeNet5 + Standardize: (x-0.1307)/0.3081, conv6@5x5 pad2, maxpool2, ReLU,
    conv16@5x5, maxpool2, ReLU, flatten, FC120, ReLU, FC84, ReLU, FC10."""

    def __init__(self, p):
        super().__init__()
        self.p = {k: torch.nn.Parameter(v, requires_grad=False) for k, v in p.items()}

    def forward(self, x):
        p = self.p
        h = (x - MEAN) / STD
        h = F.relu(F.max_pool2d(F.conv2d(h, p["c1w"], p["c1b"], padding=2), 2))
        h = F.relu(F.max_pool2d(F.conv2d(h, p["c2w"], p["c2b"]), 2))
        h = h.flatten(1)
        h = F.relu(F.linear(h, p["f1w"], p["f1b"]))
        h = F.relu(F.linear(h, p["f2w"], p["f2b"]))
        return F.linear(h, p["f3w"], p["f3b"])


def deployed_logits(z, kind, s=1.0, m=0.1):
    """The scores the deployed model feeds to softmax (docs/method.md §1, paper variant at inference)."""
    if kind == "sce":
        return z
    t = z / z.norm(dim=1, keepdim=True).clamp_min(1e-12)
    c = t.argmax(dim=1, keepdim=True)
    boost = torch.zeros_like(t).scatter_(1, c, 1.0)  # a constant mask: no gradient through argmax
    return t + boost * ((s - 1.0) * t + m)  # o_c = s*t_c + m, o_k = t_k


# ---------------------------------------------------------------- attacks

def attack_loss(net, x, y, kind, loss):
    """Per-example loss to MAXIMISE, and the raw logits."""
    z = net(x)
    if loss == "ce":
        return F.cross_entropy(deployed_logits(z, kind), y, reduction="none"), z
    other = z.clone()
    other.scatter_(1, y[:, None], -math.inf)
    return other.max(dim=1).values - z.gather(1, y[:, None]).squeeze(1), z


def l2_per_image(t):
    return t.flatten(1).norm(dim=1).view(-1, *([1] * (t.dim() - 1)))


def pgd_l2(net, x0, y, kind, loss, eps, steps):
    """Untargeted PGD-L2 without random start. Returns (fooled by any iterate, fooled by the last
    iterate), both w.r.t. the true label and including images misclassified before the attack."""
    alpha = 2.5 * eps / steps
    with torch.no_grad():
        ever = net(x0).argmax(1) != y
    x = x0.clone()
    for _ in range(steps):
        x.requires_grad_(True)
        l, _ = attack_loss(net, x, y, kind, loss)
        (g,) = torch.autograd.grad(l.sum(), x)
        with torch.no_grad():
            x = x + alpha * g / (l2_per_image(g) + 1e-12)
            d = x - x0
            d = d * torch.clamp(eps / l2_per_image(d).clamp_min(1e-12), max=1.0)
            x = (x0 + d).clamp(0.0, 1.0)
            last = net(x).argmax(1) != y
            ever |= last
    return ever, last


def deepfool_one(net, x0, box="step", pad=1e-4, overshoot=0.02, max_iter=50):
    """DeepFool L2 on one image [1,1,28,28], raw logits, all classes as candidates; each
    iteration takes r_i = (|f_l| + pad) w_l / ||w_l||^2 for the closest linearised boundary l
    (pad = 1e-4 as in the DeepFool authors' code; pad = 0 is the bare formula (docs/method.md §3.5),
    which on MNIST approaches the boundary geometrically from inside once clipping eats part of every step
    and then stalls on ~20 % of the images within 50 iterations).
    Box conventions (the gradient is always taken at, the stop test made on and the L2 norm
    measured for the image that the convention produces, which always lies in [0, 1]):
      step  - x_{i+1} = clip(x_i + (1+overshoot) r_i, 0, 1): overshoot per step and the clipped
              image is the next base (what torchattacks-style per-image loops do);
      total - x_{i+1} = clip(x0 + (1+overshoot) r_tot, 0, 1), r_tot = sum r_i accumulated
              unclipped (the usual wording "apply (1+overshoot) to the total"; the clip can stall it);
      proj  - like total, but r_tot is replaced by what the box lets through,
              r_tot <- clip(x0 + r_tot, 0, 1) - x0, before the overshoot is applied.
    Returns (fooled, L2 norm of the final perturbation, iterations)."""
    with torch.no_grad():
        label = net(x0).argmax(1).item()
    r_tot = torch.zeros_like(x0)
    x = x0.clone()
    for it in range(max_iter + 1):
        x.requires_grad_(True)
        z = net(x)[0]
        if z.argmax().item() != label:
            return True, (x.detach() - x0).norm().item(), it
        if it == max_iter:
            break
        grads = [torch.autograd.grad(z[k], x, retain_graph=k < z.numel() - 1)[0]
                 for k in range(z.numel())]
        zd = z.detach()
        best, best_r = math.inf, None
        for k in range(z.numel()):
            if k == label:
                continue
            w = grads[k] - grads[label]
            f = (zd[k] - zd[label]).item()
            wn = w.norm().item()
            dist = abs(f) / (wn + 1e-12)
            if dist < best:
                best, best_r = dist, ((abs(f) + pad) / (wn * wn + 1e-24)) * w
        if box == "step":
            x = (x.detach() + (1 + overshoot) * best_r).clamp(0.0, 1.0)
            continue
        r_tot = r_tot + best_r
        if box == "proj":
            r_tot = (x0 + r_tot).clamp(0.0, 1.0) - x0
        x = (x0 + (1 + overshoot) * r_tot).clamp(0.0, 1.0).detach()
    return False, (x.detach() - x0).norm().item(), max_iter


def dct_matrix(n):
    """Orthonormal DCT-II, row k = frequency k."""
    k = np.arange(n)[:, None]
    j = np.arange(n)[None, :]
    d = np.cos(np.pi * (2 * j + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    d[0] /= np.sqrt(2.0)
    return torch.from_numpy(d.astype(np.float32))


def dct_order(n, rng):
    """Frequency pairs (u, v) by increasing u + v, shuffled within each anti-diagonal."""
    order = []
    for s in range(2 * n - 1):
        diagonal = [(u, s - u) for u in range(max(0, s - n + 1), min(s, n - 1) + 1)]
        rng.shuffle(diagonal)
        order.extend(diagonal)
    return order


def simba_one(net, kind, x0, y, dct, order, exact, eps=0.2, budget=300):
    """SimBA-DCT on one image [1,1,n,n]. Returns (fooled, L2 norm of the perturbation, queries)."""
    def oracle(x):
        with torch.no_grad():
            d = deployed_logits(net(x), kind)[0]
        if exact:
            d = d.double()
            others = torch.cat([d[:y], d[y + 1:]])
            value = (d[y] - torch.logsumexp(others, 0)).item()
        else:
            value = torch.softmax(d, 0)[y].item()
        return value, d.argmax().item()

    value, pred = oracle(x0)
    queries = 1
    x = x0
    for (u, v) in order:
        if pred != y or queries >= budget:
            break
        direction = (eps * torch.outer(dct[u], dct[v]))[None, None]
        for sign in (-1.0, 1.0):
            if queries >= budget:
                break
            candidate = (x + sign * direction).clamp(0.0, 1.0)
            v2, p2 = oracle(candidate)
            queries += 1
            if v2 < value:
                x, value, pred = candidate, v2, p2
                break
    return pred != y, (x - x0).norm().item(), queries


# ---------------------------------------------------------------- driver

def ours(run_dir):
    """Per-row robust accuracies from isce4j's results.json (robust and per loss)."""
    with open(os.path.join(run_dir, "attacks", "demo", "results.json")) as f:
        text = f.read().replace("NaN", "null")
    out = {}
    for row in json.loads(text)["rows"]:
        out[row["attack"]] = (row["robustAccuracy"], row.get("accuracyByAttack", {}),
                              row.get("imagesPerSecond"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", default="runs/demo")
    ap.add_argument("--weights", default="/tmp", help="folder with sce.bin / isce.bin")
    ap.add_argument("--mnist", default="/work/shared/data/mnist")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--models", default="sce,isce")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--skip", default="", help="comma list of: pgd,deepfool,simba")
    ap.add_argument("--bench", action="store_true",
                    help="only time PGD-L2 50 steps (CE, batch --batch) and DeepFool (per image)")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--deepfool-pad", type=float, default=1e-4,
                    help="added to |f| in the DeepFool step (0 = the bare formula, docs/method.md §3.5)")
    ap.add_argument("--deepfool-box", default="step,total",
                    help="DeepFool box conventions to run (see deepfool_one)")
    ap.add_argument("--bench-deepfool-images", type=int, default=200)
    ap.add_argument("--json", default="", help="write all measured numbers here")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    x, y = load_mnist(a.mnist, a.n)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, mkldnn "
          f"{torch.backends.mkldnn.enabled}, load average {os.getloadavg()}", flush=True)
    report = {}
    for kind in a.models.split(","):
        net = LeNet5(load_weights(os.path.join(a.weights, kind + ".bin"))).eval()
        rep = report[kind] = {}
        if a.bench:
            bench(net, x, y, kind, a, rep)
            continue
        with torch.no_grad():
            z = net(x)
        clean = (z.argmax(1) == y).float().mean().item()
        rep["clean"] = clean
        print(f"\n== {kind}: clean accuracy {100 * clean:.2f} %", flush=True)
        jl = os.path.join(a.weights, kind + ".logits.bin")
        if os.path.exists(jl):
            zj = torch.from_numpy(np.fromfile(jl, dtype="<f4").reshape(a.n, -1))
            diff = (z - zj).abs().max().item()
            rep["max_logit_diff"] = diff
            same = (z.argmax(1) == zj.argmax(1)).all().item()
            print(f"   max |z_python - z_isce4j| = {diff:.2e} (|z| up to {zj.abs().max():.1f}), "
                  f"same predictions: {same}")
        ref = ours(os.path.join(a.runs, "lenet5-" + kind))
        if "pgd" not in a.skip:
            for steps in (10, 50):
                for eps in (0.5, 1.0, 1.5, 2.0):
                    t0 = time.time()
                    ever_ce, last_ce = pgd_l2(net, x, y, kind, "ce", eps, steps)
                    ever_mg, _ = pgd_l2(net, x, y, kind, "margin", eps, steps)
                    secs = time.time() - t0
                    acc = lambda fooled: 100 * (1 - fooled.float().mean().item())
                    r = dict(both=acc(ever_ce | ever_mg), ce=acc(ever_ce), margin=acc(ever_mg),
                             ce_last=acc(last_ce), seconds=secs)
                    key = f"pgd-l2 eps={eps} steps={steps} loss=ce+margin"
                    o_both, o_by, _ = ref[key]
                    r["ours_both"] = 100 * o_both
                    r["ours_ce"] = 100 * o_by[f"pgd-l2 eps={eps} steps={steps} loss=ce"]
                    r["ours_margin"] = 100 * o_by[f"pgd-l2 eps={eps} steps={steps} loss=margin"]
                    rep[key] = r
                    print(f"   {key}: python {r['both']:.1f} (ce {r['ce']:.1f}, margin "
                          f"{r['margin']:.1f}, ce last-iterate {r['ce_last']:.1f}) | isce4j "
                          f"{r['ours_both']:.1f} (ce {r['ours_ce']:.1f}, margin "
                          f"{r['ours_margin']:.1f})  [{secs:.1f} s]", flush=True)
        for box in ([] if "deepfool" in a.skip else a.deepfool_box.split(",")):
            t0 = time.time()
            res = [deepfool_one(net, x[i:i + 1], box, a.deepfool_pad) for i in range(a.n)]
            secs = time.time() - t0
            correct = (z.argmax(1) == y)
            fooled = torch.tensor([r[0] for r in res])
            norms = torch.tensor([r[1] for r in res])
            ok = correct & fooled
            med = norms[ok].median().item()
            rep["deepfool " + box] = dict(pad=a.deepfool_pad, median_l2=med, fooled=ok.float().sum().item() / correct.sum().item(),
                                   seconds=secs, img_per_s=a.n / secs,
                                   mean_iterations=float(np.mean([r[2] for r in res])))
            print(f"   deepfool box={box}: fooled {100 * rep['deepfool ' + box]['fooled']:.2f} % of the correct "
                  f"ones, median L2 {med:.3f}, {a.n / secs:.1f} img/s", flush=True)
            for eps in (0.5, 1.0, 1.5, 2.0):
                # robust: correctly classified and DeepFool fails or needs more than eps
                robust = correct & ~(fooled & (norms <= eps))
                frac = (fooled & correct & (norms <= eps)).float().sum().item() / correct.sum().item()
                key = f"deepfool overshoot=0.02, L2 <= {eps}"
                rep[key + " box=" + box] = dict(robust=100 * robust.float().mean().item(), fooled_within=100 * frac,
                                ours=100 * ref[key][0])
                r = rep[key + " box=" + box]
                print(f"   {key} box={box}: robust python {r['robust']:.1f} | isce4j "
                      f"{r['ours']:.1f}  (fooled with L2<=eps: {frac * 100:.1f} % of "
                      f"correct)", flush=True)
        if "simba" not in a.skip:
            dct = dct_matrix(x.shape[-1])
            correct = (z.argmax(1) == y)
            for exact in (False, True):
                rng = np.random.default_rng(0)
                t0 = time.time()
                res = [simba_one(net, kind, x[i:i + 1], y[i].item(), dct, dct_order(x.shape[-1], rng), exact)
                       for i in range(a.n)]
                secs = time.time() - t0
                fooled = torch.tensor([r[0] for r in res])
                norms = torch.tensor([r[1] for r in res])
                oracle = "log-odds (float64)" if exact else "probability (float32)"
                for eps in (0.5, 1.0, 1.5, math.inf):
                    robust = correct & ~(fooled & (norms <= eps))
                    key = "simba-dct eps=0.2 queries=300" + ("" if eps == math.inf else f", L2 <= {eps}")
                    r = rep[key + " oracle=" + oracle] = dict(robust=100 * robust.float().mean().item(),
                                                                ours=100 * ref[key][0])
                    print(f"   {key}, oracle {oracle}: robust python {r['robust']:.1f} | isce4j "
                          f"{r['ours']:.1f}  [{secs:.0f} s, mean queries "
                          f"{np.mean([q[2] for q in res]):.1f}]", flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(report, f, indent=1)


def bench(net, x, y, kind, a, rep):
    xb, yb = x[:a.batch], y[:a.batch]
    pgd_l2(net, xb[:50], yb[:50], kind, "ce", 1.0, 2)  # warm-up
    la = os.getloadavg()
    t0 = time.time()
    pgd_l2(net, xb, yb, kind, "ce", 1.0, 50)
    secs = time.time() - t0
    rep["pgd50_img_per_s"] = len(xb) / secs
    n = a.bench_deepfool_images
    t1 = time.time()
    for i in range(n):
        deepfool_one(net, x[i:i + 1], "step")
    dsecs = time.time() - t1
    rep["deepfool_img_per_s"] = n / dsecs
    rep["load_average_before"] = la
    rep["load_average_after"] = os.getloadavg()
    print(f"{kind}: PGD-L2 50 steps CE batch {len(xb)}: {len(xb) / secs:.0f} img/s; DeepFool per "
          f"image ({n} images): {n / dsecs:.1f} img/s; load average {la[0]:.2f} -> "
          f"{os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
