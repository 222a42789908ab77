"""Checks float32 conv2d input gradients against float64 in the installed PyTorch.

Prints the max relative error of d(sum(y^2))/dx for a few conv shapes; run it under different
environment variables (DNNL_MAX_CPU_ISA, ONEDNN_MAX_CPU_ISA) and with --no-mkldnn to see which
setting gives correct gradients. Exit status 1 when any error exceeds 1e-3.
"""
import sys
import torch
import torch.nn.functional as F


def rel_err(x, w, pad):
    def grad(dt):
        xx = x.to(dt).clone().requires_grad_(True)
        y = F.conv2d(xx, w.to(dt), padding=pad)
        (y * y).sum().backward()
        return xx.grad
    g32, g64 = grad(torch.float32), grad(torch.float64)
    return ((g32.double() - g64).abs().max() / g64.abs().max()).item()


def main():
    if "--no-mkldnn" in sys.argv:
        torch.backends.mkldnn.enabled = False
    torch.set_num_threads(2)
    torch.manual_seed(0)
    cases = [((500, 1, 28, 28), (6, 1, 5, 5), 2), ((500, 6, 14, 14), (16, 6, 5, 5), 0),
             ((2, 3, 12, 12), (4, 3, 5, 5), 0), ((2, 1, 28, 28), (6, 1, 5, 5), 2),
             ((2, 6, 14, 14), (16, 6, 5, 5), 0), ((8, 16, 16, 16), (32, 16, 3, 3), 1)]
    worst = 0.0
    print("torch", torch.__version__, "threads", torch.get_num_threads(), "mkldnn enabled", torch.backends.mkldnn.enabled,
          "available", torch.backends.mkldnn.is_available())
    for xs, ws, pad in cases:
        e = rel_err(torch.randn(xs, dtype=torch.float64), torch.randn(ws, dtype=torch.float64), pad)
        worst = max(worst, e)
        print(f"x{list(xs)} w{list(ws)} pad {pad}: max |g32-g64| / max |g64| = {e:.3e}")
    print("OK" if worst < 1e-3 else "WRONG float32 input gradients")
    sys.exit(0 if worst < 1e-3 else 1)


if __name__ == "__main__":
    main()
