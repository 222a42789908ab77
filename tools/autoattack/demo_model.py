"""The reference AutoAttack (fra31/auto-attack, standard version) on a demo LeNet-5, timed.

Rebuilds runs/demo/lenet5-sce (or any LeNet-5 run exported with tools/crosscheck/Export.java) in
plain PyTorch with tools/crosscheck's loader, runs the reference on the first N MNIST test images
in batches of 500 (as the demo does) and prints its robust accuracy after each stage, the total
time and images/s as one JSON line, to set beside the demo's AutoAttack rows.
"""
import argparse, json, os, sys, time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "crosscheck"))
import torch
import crosscheck as cc


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--autoattack", required=True, help="folder holding the reference's autoattack package")
    p.add_argument("--weights", default="/tmp/sce.bin", help="Export.java weight file of a LeNet-5 run (SCE: raw logits)")
    p.add_argument("--mnist", default="library/src/main/resources/io/github/isce4j/data/mnist")
    p.add_argument("--norm", default="Linf", choices=["Linf", "L2"])
    p.add_argument("--eps", type=float, default=0.1)
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    sys.path.insert(0, a.autoattack)
    from autoattack import AutoAttack
    torch.set_num_threads(a.threads)
    net = cc.LeNet5(cc.load_weights(a.weights)).eval()
    x, y = cc.load_mnist(a.mnist, a.n)
    attack = AutoAttack(net, norm=a.norm, eps=a.eps, version="standard", verbose=True, seed=0, device="cpu")
    start = time.time()
    adversarial = attack.run_standard_evaluation(x, y, bs=500)
    seconds = time.time() - start
    with torch.no_grad():
        robust = (net(adversarial).argmax(1) == y).float().mean().item()
    print(json.dumps({"norm": a.norm, "eps": a.eps, "images": a.n, "robust_accuracy": robust,
                      "seconds": round(seconds, 1), "images_per_second": round(a.n / seconds, 1)}))


if __name__ == "__main__":
    main()
