# Writes library/src/test/resources/io/github/isce4j/model/torchscript/tiny_bn.{pt,json}: a tiny conv + BatchNorm
# TorchScript module in eval mode, with its logits and cross-entropy input gradients on fixed
# inputs, for TorchScriptClassifierTest. Run with Debian's python3-torch: /usr/bin/python3 make_tiny_bn.py
import torch, json
torch.manual_seed(0)
class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 4, 3, stride=2, padding=1)
        self.bn = torch.nn.BatchNorm2d(4)
        self.fc = torch.nn.Linear(4 * 7 * 7, 10)
    def forward(self, x):
        h = torch.relu(self.bn(self.conv(x)))
        h = torch.nn.functional.avg_pool2d(h, 2)
        return self.fc(h.flatten(1))
net = Net()
with torch.no_grad():
    net.bn.running_mean.copy_(torch.tensor([0.3, -0.2, 0.1, 0.5]))
    net.bn.running_var.copy_(torch.tensor([2.0, 0.5, 1.5, 0.8]))
    net.bn.weight.copy_(torch.tensor([1.2, 0.8, 1.0, 0.6]))
    net.bn.bias.copy_(torch.tensor([0.1, -0.1, 0.2, 0.0]))
net.eval()
scripted = torch.jit.script(net)
scripted.save("tiny_bn.pt")
g = torch.Generator().manual_seed(1)
x = torch.rand(6, 1, 28, 28, generator=g)
y = torch.tensor([0, 1, 2, 3, 4, 5])
xr = x.clone().requires_grad_(True)
z = net(xr)
loss = torch.nn.functional.cross_entropy(z, y, reduction="sum")
loss.backward()
# what batch statistics (training mode) would give instead, to show the test can tell them apart
net.train(); zt = net(x).detach(); net.eval()
json.dump({"x": x.flatten().tolist(), "labels": y.tolist(), "logits": z.detach().flatten().tolist(),
           "gradient": xr.grad.flatten().tolist(), "training_mode_logits": zt.flatten().tolist(),
           "torch": torch.__version__}, open("tiny_bn.json", "w"))
print("ok", torch.__version__, z.shape, float((zt - z.detach()).abs().max()))
