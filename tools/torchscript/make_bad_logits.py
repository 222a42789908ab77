# Writes library/src/test/resources/io/github/isce4j/model/torchscript/{nan,int,flat}_logits.pt: TorchScript modules
# whose outputs are not [N, K] finite floats, which TorchScriptClassifier.load must refuse.
# Run with Debian's python3-torch: /usr/bin/python3 make_bad_logits.py
import torch
class NanLogits(torch.nn.Module):
    def forward(self, x):
        return x.flatten(1)[:, :10] * float("nan")
class IntLogits(torch.nn.Module):
    def forward(self, x):
        return (x.flatten(1)[:, :10] * 10).long()
class FlatLogits(torch.nn.Module):
    def forward(self, x):
        return x.flatten(1).sum(1)
for name, m in [("nan_logits", NanLogits()), ("int_logits", IntLogits()), ("flat_logits", FlatLogits())]:
    torch.manual_seed(0)
    torch.jit.script(m.eval()).save(name + ".pt")
print("ok", torch.__version__)

