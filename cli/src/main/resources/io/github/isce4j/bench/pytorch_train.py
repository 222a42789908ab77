"""The workload of `isce bench train`, in PyTorch, for a side-by-side images/s.

isce4j writes the training images it uses (uint8, N x C x H x W) and their labels to two raw
files and runs this script with the same network, loss (I-SCE, paper variant, s = 1, m = 0.1),
optimiser (Adam, lr 1e-3), batch size, images per round and torch thread count. Each round is one
pass over the images in a fresh random order, timed like isce4j's: batch gather, forward, loss,
backward, reading the loss and the number correct, optimiser step. One JSON line per round on
stdout: {"round": r, "images_per_second": x}.

Written for Debian's python3-torch (1.13); any PyTorch >= 1.10 runs it.
"""
import argparse
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Standardize(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean).view(1, -1, 1, 1))
        self.register_buffer("std", torch.tensor(std).view(1, -1, 1, 1))

    def forward(self, x):
        return (x - self.mean) / self.std


def lenet5(channels, classes):
    # pooling before ReLU, as isce4j computes it (the same function: ReLU commutes with max)
    return nn.Sequential(
        nn.Conv2d(channels, 6, 5, padding=2), nn.MaxPool2d(2), nn.ReLU(),
        nn.Conv2d(6, 16, 5), nn.MaxPool2d(2), nn.ReLU(), nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, classes))


def cnn8(channels, classes):
    layers, width = [], channels
    for filters in (32, 64, 128):
        for _ in range(2):
            layers += [nn.Conv2d(width, filters, 3, padding=1, bias=False), nn.BatchNorm2d(filters), nn.ReLU()]
            width = filters
        layers.append(nn.MaxPool2d(2))
    layers += [nn.Flatten(), nn.Linear(128 * 4 * 4, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Linear(256, classes)]
    return nn.Sequential(*layers)


class PreActivationBlock(nn.Module):
    def __init__(self, width, filters, stride, pre_activate):
        super().__init__()
        self.stride = stride
        self.bn1 = nn.BatchNorm2d(width) if pre_activate else None
        self.conv1 = nn.Conv2d(width, filters, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(filters)
        self.conv2 = nn.Conv2d(filters, filters, 3, padding=1, bias=False)

    def forward(self, x):
        y = F.relu(self.bn1(x)) if self.bn1 is not None else x
        y = self.conv2(F.relu(self.bn2(self.conv1(y))))
        if self.stride == 1:
            return y + x
        pooled = F.avg_pool2d(x, self.stride, ceil_mode=True)  # option-A shortcut: pool, zero channels
        return y + torch.cat([pooled, torch.zeros_like(pooled)], 1)


def resnet32(channels, classes):
    layers = [nn.Conv2d(channels, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU()]
    width = 16
    for stage, filters in enumerate((16, 32, 64)):
        for b in range(5):
            layers.append(PreActivationBlock(width, filters, 2 if b == 0 and stage > 0 else 1,
                                             not (b == 0 and stage == 0)))
            width = filters
    layers += [nn.BatchNorm2d(64), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
               nn.Linear(64, 64), nn.Linear(64, classes)]
    return nn.Sequential(*layers)


def isce_loss(z, y, scale=1.0, margin=0.1):
    """I-SCE, paper variant: t = z / max(|z|, 1e-12), o_y = s t_y + m, o_k = t_k otherwise."""
    t = z / z.norm(dim=1, keepdim=True).clamp_min(1e-12)
    boost = F.one_hot(y, t.shape[1]).to(t.dtype)
    o = t + boost * ((scale - 1.0) * t + margin)
    return F.cross_entropy(o, y)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True, choices=["lenet5", "cnn8", "resnet32"])
    p.add_argument("--images", required=True)
    p.add_argument("--labels", required=True)
    p.add_argument("--shape", required=True, help="N,C,H,W")
    p.add_argument("--mean", required=True, help="per-channel means, comma separated")
    p.add_argument("--std", required=True, help="per-channel standard deviations, comma separated")
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    n, c, h, w = (int(v) for v in a.shape.split(","))
    pixels = np.fromfile(a.images, dtype=np.uint8).reshape(n, c, h, w)
    x_all = torch.from_numpy(pixels.astype(np.float32) / 255.0)
    y_all = torch.from_numpy(np.fromfile(a.labels, dtype=np.uint8).astype(np.int64))
    mean = [float(v) for v in a.mean.split(",")]
    std = [float(v) for v in a.std.split(",")]
    net = nn.Sequential(Standardize(mean, std), globals()[a.model](c, a.classes))
    net.train()
    adam = torch.optim.Adam(net.parameters(), lr=a.lr)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for r in range(1, a.rounds + 1):
        order = torch.randperm(n)
        start = time.perf_counter()
        loss_sum, correct = 0.0, 0
        for s in range(0, n, a.batch_size):
            index = order[s:s + a.batch_size]
            x, y = x_all[index], y_all[index]
            adam.zero_grad(set_to_none=True)
            z = net(x)
            loss = isce_loss(z, y)
            loss.backward()
            loss_sum += loss.item()
            adam.step()
            correct += int((z.argmax(1) == y).sum())
        seconds = time.perf_counter() - start
        print(json.dumps({"round": r, "images_per_second": n / seconds, "loss": loss_sum, "correct": correct}),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
