"""Side-by-side check of isce4j's AutoAttack against the reference implementation (fra31/auto-attack).

Trains a small CNN on MNIST in PyTorch, saves it as TorchScript, runs the reference's standard
AutoAttack on the first N test images at L-inf eps 0.1 and L2 eps 1.0, then runs
`isce attack MODEL.pt --attack autoattack-linf|autoattack-l2` on the same images and prints both
robust accuracies and images/s. The reference is not part of isce4j: pass the folder that holds
its `autoattack` package with --autoattack. Run with Debian's python3-torch (/usr/bin/python3).
"""
import argparse, gzip, json, os, subprocess, sys, time

import numpy as np
import torch


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class SmallCnn(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(1, 16, 5, padding=2)
        self.c2 = torch.nn.Conv2d(16, 32, 5, padding=2)
        self.f1 = torch.nn.Linear(32 * 7 * 7, 100)
        self.f2 = torch.nn.Linear(100, 10)

    def forward(self, x):
        h = torch.max_pool2d(torch.relu(self.c1(x)), 2)
        h = torch.max_pool2d(torch.relu(self.c2(h)), 2)
        return self.f2(torch.relu(self.f1(h.flatten(1))))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--autoattack", required=True, help="folder holding the reference's autoattack package")
    p.add_argument("--mnist", default="library/src/main/resources/io/github/isce4j/data/mnist")
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--out", default="/tmp/aa-compare")
    p.add_argument("--isce", default="./isce")
    args = p.parse_args()
    sys.path.insert(0, args.autoattack)
    from autoattack import AutoAttack

    torch.manual_seed(0)
    torch.set_num_threads(2)
    os.makedirs(args.out, exist_ok=True)
    xtr = torch.tensor(idx(os.path.join(args.mnist, "train-images-idx3-ubyte.gz"))[:20000], dtype=torch.float32)[:, None] / 255
    ytr = torch.tensor(idx(os.path.join(args.mnist, "train-labels-idx1-ubyte.gz"))[:20000], dtype=torch.long)
    xte = torch.tensor(idx(os.path.join(args.mnist, "t10k-images-idx3-ubyte.gz"))[:args.n], dtype=torch.float32)[:, None] / 255
    yte = torch.tensor(idx(os.path.join(args.mnist, "t10k-labels-idx1-ubyte.gz"))[:args.n], dtype=torch.long)
    model = SmallCnn()
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    for i in range(0, len(xtr), 128):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(xtr[i:i + 128]), ytr[i:i + 128]).backward()
        opt.step()
    model.eval()
    pt = os.path.join(args.out, "small_cnn.pt")
    torch.jit.script(model).save(pt)
    with torch.no_grad():
        clean = (model(xte).argmax(1) == yte).float().mean().item()
    report = {"n": args.n, "clean": clean, "torch": torch.__version__, "rows": []}
    for norm, eps, name in [("Linf", 0.1, "autoattack-linf"), ("L2", 1.0, "autoattack-l2")]:
        aa = AutoAttack(model, norm=norm, eps=eps, version="standard", device="cpu", seed=0, verbose=False)
        start = time.time()
        adv = aa.run_standard_evaluation(xte, yte, bs=250)
        seconds = time.time() - start
        with torch.no_grad():
            ref = (model(adv).argmax(1) == yte).float().mean().item()
        out = os.path.join(args.out, name)
        subprocess.run([args.isce, "attack", pt, "--dataset", "mnist", "--attack", name, "--eps", str(eps),
                        "--n", str(args.n), "--out", out], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(out, "results.json")) as f:
            ours = json.load(f)
        report["rows"].append({"attack": name, "eps": eps, "reference_robust": ref, "reference_seconds": seconds,
                               "reference_img_s": args.n / seconds, "isce4j": ours["rows"][0]})
        print(f"{name} eps={eps}: reference {100 * ref:.1f} % ({args.n / seconds:.1f} img/s)", flush=True)
    with open(os.path.join(args.out, "compare.json"), "w") as f:
        json.dump(report, f, indent=1)
    print(json.dumps(report, indent=1)[:4000])


if __name__ == "__main__":
    main()
