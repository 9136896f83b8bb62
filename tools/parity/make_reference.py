"""Reference outputs from PyTorch for the kit's parity tests.

Builds small ST-GCN (CrosSCLR/AimCLR variant, spec/aimclr.md section 3) and CMD GRU encoders
(spec/pcm3.md section 5) directly in PyTorch from the specs, saves their weights with torch.save
(a real PyTorch zip checkpoint) and as safetensors, runs them in eval mode on a fixed input and
saves input and outputs as .npy. The C# tests load these files and must reproduce the outputs.

Usage: python3 make_reference.py OUT_DIR      (needs torch, numpy, safetensors)
"""
import math
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

# --- NTU graph, 'spatial' partition (spec/aimclr.md 3.1) -----------------------------------
PAIRS_1BASED = [(1, 2), (2, 21), (3, 21), (4, 3), (5, 21), (6, 5), (7, 6), (8, 7), (9, 21), (10, 9),
                (11, 10), (12, 11), (13, 1), (14, 13), (15, 14), (16, 15), (17, 1), (18, 17), (19, 18),
                (20, 19), (22, 23), (23, 8), (24, 25), (25, 12)]
V, CENTER = 25, 20


def spatial_graph():
    adj = np.zeros((V, V))
    for a, b in PAIRS_1BASED:
        adj[a - 1, b - 1] = adj[b - 1, a - 1] = 1
    hop = np.full((V, V), np.inf)
    hop[adj == 1] = 1
    np.fill_diagonal(hop, 0)
    a_hat = (hop <= 1).astype(float)
    deg = a_hat.sum(0)
    norm = a_hat / deg[None, :]                 # column-normalised
    parts = []
    for h in (0, 1):
        root, close, further = np.zeros((V, V)), np.zeros((V, V)), np.zeros((V, V))
        for j in range(V):
            for i in range(V):
                if hop[j, i] != h:
                    continue
                if hop[j, CENTER] == hop[i, CENTER]:
                    root[j, i] = norm[j, i]
                elif hop[j, CENTER] > hop[i, CENTER]:
                    close[j, i] = norm[j, i]
                else:
                    further[j, i] = norm[j, i]
        if h == 0:
            parts.append(root)
        else:
            parts.append(root + close)
            parts.append(further)
    return np.stack(parts).astype(np.float32)


class Block(nn.Module):
    def __init__(self, cin, cout, stride, residual, dropout):
        super().__init__()
        self.gcn = nn.Module()
        self.gcn.conv = nn.Conv2d(cin, 3 * cout, 1)
        self.tcn = nn.Sequential(nn.BatchNorm2d(cout), nn.ReLU(), nn.Conv2d(cout, cout, (9, 1), (stride, 1), (4, 0)),
                                 nn.BatchNorm2d(cout), nn.Dropout(dropout))
        self.kind = residual
        if residual == "conv":
            self.residual = nn.Sequential(nn.Conv2d(cin, cout, 1, (stride, 1)), nn.BatchNorm2d(cout))
        self.cout = cout

    def forward(self, x, a):
        res = 0 if self.kind == "none" else (x if self.kind == "identity" else self.residual(x))
        y = self.gcn.conv(x)
        n, kc, t, v = y.shape
        y = torch.einsum("nkctv,kvw->nctw", y.view(n, 3, self.cout, t, v), a)
        return torch.relu(self.tcn(y) + res)


class StGcn(nn.Module):
    def __init__(self, c0=16, hidden=256, proj=128, dropout=0.5):
        super().__init__()
        self.register_buffer("A", torch.tensor(spatial_graph()))
        self.data_bn = nn.BatchNorm1d(3 * V)
        spec = [(3, c0, 1, "none"), (c0, c0, 1, "identity"), (c0, c0, 1, "identity"), (c0, c0, 1, "identity"),
                (c0, 2 * c0, 2, "conv"), (2 * c0, 2 * c0, 1, "identity"), (2 * c0, 2 * c0, 1, "identity"),
                (2 * c0, 4 * c0, 2, "conv"), (4 * c0, 4 * c0, 1, "identity"), (4 * c0, hidden, 1, "conv")]
        self.st_gcn_networks = nn.ModuleList(
            [Block(i, o, s, r, 0.0 if k == 0 else dropout) for k, (i, o, s, r) in enumerate(spec)])
        self.fc = nn.Sequential(nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, proj))
        self.edge_importance = nn.ParameterList([nn.Parameter(torch.ones(3, V, V)) for _ in spec])

    def features(self, x):
        n, c, t, v, m = x.shape
        x = x.permute(0, 4, 3, 1, 2).contiguous().view(n * m, v * c, t)
        x = self.data_bn(x)
        x = x.view(n, m, v, c, t).permute(0, 1, 3, 4, 2).contiguous().view(n * m, c, t, v)
        for block, imp in zip(self.st_gcn_networks, self.edge_importance):
            x = block(x, self.A * imp)
        x = x.mean(dim=(2, 3)).view(n, m, -1).mean(dim=1)
        return x

    def forward(self, x):
        return self.fc(self.features(x))


class GruEncoder(nn.Module):
    """CMD's encoder (spec/pcm3.md 5.1), run the way the reference runs it: the bidirectional GRU is
    called once per time step on a length-1 slice with the previous hidden state, so both
    directions run forward in time. Feature = output at the last step."""

    def __init__(self, hidden=1024, proj=128):
        super().__init__()
        self.input_norm = nn.BatchNorm1d(150)
        self.encoder = nn.Module()
        self.encoder.gru = nn.GRU(150, hidden, num_layers=3, bidirectional=True, batch_first=True)
        self.fc = nn.Sequential(nn.Linear(2 * hidden, 2 * hidden), nn.ReLU(), nn.Linear(2 * hidden, proj))

    def features(self, x):
        n, c, t, v, m = x.shape
        seq = x.permute(0, 2, 3, 1, 4).reshape(n, t, v * c * m)       # index 6v + 2c + m
        seq = self.input_norm(seq.transpose(1, 2)).transpose(1, 2)
        h, out = None, None
        for step in range(t):
            out, h = self.encoder.gru(seq[:, step:step + 1], h)
        return out[:, -1]

    def forward(self, x):
        return self.fc(self.features(x))


def init_like_reference(model, gen):
    for mod in model.modules():
        if isinstance(mod, (nn.Conv2d, nn.Linear, nn.Conv1d)):
            mod.weight.data.normal_(0, 0.02, generator=gen)
            mod.bias.data.zero_()
        elif isinstance(mod, (nn.BatchNorm1d, nn.BatchNorm2d)):
            mod.weight.data.normal_(1, 0.02, generator=gen)
            mod.bias.data.zero_()
    # Non-trivial running statistics and edge importances, so that eval-mode parity checks them.
    for mod in model.modules():
        if isinstance(mod, (nn.BatchNorm1d, nn.BatchNorm2d)):
            mod.running_mean.uniform_(-0.2, 0.2, generator=gen)
            mod.running_var.uniform_(0.5, 1.5, generator=gen)
            mod.num_batches_tracked.fill_(7)
    for p in getattr(model, "edge_importance", []):
        p.data.uniform_(0.5, 1.5, generator=gen)
    for name, p in model.named_parameters():
        if "gru" in name:
            p.data.uniform_(-0.3, 0.3, generator=gen)


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    from safetensors.torch import save_file
    gen = torch.Generator().manual_seed(0)
    model = StGcn(c0=4, hidden=16, proj=8)
    init_like_reference(model, gen)
    model.eval()
    x = torch.randn(3, 3, 20, V, 2, generator=gen)
    x[2, :, :, :, 1] = 0                      # a single-person clip: zero second body
    with torch.no_grad():
        feat = model.features(x)
        proj = model(x)
    sd = model.state_dict()
    torch.save(sd, out / "stgcn_small.pt")
    torch.save({"encoder_q." + k: v for k, v in sd.items()}, out / "stgcn_small_prefixed.pt")
    save_file({k: v.contiguous() for k, v in sd.items()}, str(out / "stgcn_small.safetensors"))
    np.save(out / "stgcn_input.npy", x.numpy().astype(np.float32))
    np.save(out / "stgcn_features.npy", feat.numpy().astype(np.float32))
    np.save(out / "stgcn_projection.npy", proj.numpy().astype(np.float32))
    print("stgcn params", sum(p.numel() for p in model.parameters()), "keys", len(sd))

    gru = GruEncoder(hidden=8, proj=6)
    init_like_reference(gru, gen)
    gru.eval()
    xg = torch.randn(2, 3, 12, V, 2, generator=gen)
    with torch.no_grad():
        gfeat = gru.features(xg)
        gproj = gru(xg)
    gsd = gru.state_dict()
    torch.save({"epoch": 3, "state_dict": {"module.encoder_q." + k: v for k, v in gsd.items()}}, out / "gru_small_ckpt.pt")
    np.save(out / "gru_input.npy", xg.numpy().astype(np.float32))
    np.save(out / "gru_features.npy", gfeat.numpy().astype(np.float32))
    np.save(out / "gru_projection.npy", gproj.numpy().astype(np.float32))
    print("gru params", sum(p.numel() for p in gru.parameters()), "keys", list(gsd)[:6])
    a = spatial_graph()
    print("A sums", a.sum(axis=(1, 2)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out")
