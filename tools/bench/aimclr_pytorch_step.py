"""Time AimCLR pre-training steps in PyTorch the way the reference implementation runs them.

Written from the method description (spec/aimclr.md §2-6), not from the authors' code: per-clip
NumPy augmentation (crop, shear; the extreme chain with flip, rotate, temporal flip, noise, blur,
axis mask), ST-GCN (CrosSCLR variant, widths 16..64 and 256), MoCo v2 with a 32768-entry queue,
EADM on the drop branch, InfoNCE / NNM + D3M, SGD. The graph is a fixed random normalised
adjacency of the right shape: it changes no cost. Prints one JSON line comparable to
`bench pretrain`:

    python3 tools/bench/aimclr_pytorch_step.py --batch 16 --steps 5
"""
import argparse, json, math, random, resource, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

FLIP = [0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 16, 17, 18, 19, 12, 13, 14, 15, 20, 23, 24, 21, 22]


def crop(x, ratio=6):                      # x: C, T, V, M
    t = x.shape[1]; pad = t // ratio
    padded = np.concatenate([x[:, :pad][:, ::-1], x, x[:, -pad:][:, ::-1]], axis=1)
    s = np.random.randint(0, 2 * pad + 1)
    return padded[:, s:s + t]


def shear(x, r=0.5):
    a = [random.uniform(-r, r) for _ in range(6)]
    m = np.array([[1, a[0], a[3]], [a[1], 1, a[4]], [a[2], a[5], 1]])
    return np.einsum('ij,jtvm->itvm', m, x)


def rotate(x):
    main = random.randint(0, 2)
    ang = [math.radians(random.uniform(0, 30) if i == main else random.uniform(0, 1)) for i in range(3)]
    cx, sx, cy, sy, cz, sz = math.cos(ang[0]), math.sin(ang[0]), math.cos(ang[1]), math.sin(ang[1]), math.cos(ang[2]), math.sin(ang[2])
    rx = np.array([[1, 0, 0], [0, cx, sx], [0, -sx, cx]]); ry = np.array([[cy, 0, -sy], [0, 1, 0], [sy, 0, cy]])
    rz = np.array([[cz, sz, 0], [-sz, cz, 0], [0, 0, 1]])
    return np.einsum('ij,jtvm->itvm', rz @ ry @ rx, x)


def blur(x):
    sigma = random.uniform(0.1, 2.0)
    if np.random.uniform() < 0.5:
        k = np.exp(-np.arange(-7, 8) ** 2 / (2 * sigma ** 2))
        c, t, v, m = x.shape
        flat = x.transpose(0, 2, 3, 1).reshape(-1, t)
        x = np.stack([np.convolve(r, k, mode='same') for r in flat]).reshape(c, v, m, t).transpose(0, 3, 1, 2)
    return x


def extreme(x):
    x = shear(crop(x))
    if random.random() < 0.5: x = x[:, :, FLIP]
    x = rotate(x)
    if random.random() < 0.5: x = x[:, ::-1]
    if random.random() < 0.5: x = x + np.random.normal(0, 0.01, x.shape)
    x = blur(x)
    if random.random() < 0.5: x = x.copy(); x[random.randint(0, 2)] = 0
    return x


def normal(x):
    return shear(crop(x))


class Block(nn.Module):
    def __init__(self, cin, cout, stride, dropout, residual):
        super().__init__()
        self.cout = cout
        self.gcn = nn.Conv2d(cin, 3 * cout, 1)
        self.tcn = nn.Sequential(nn.BatchNorm2d(cout), nn.ReLU(inplace=True), nn.Conv2d(cout, cout, (9, 1), (stride, 1), (4, 0)),
                                 nn.BatchNorm2d(cout), nn.Dropout(dropout, inplace=True))
        if not residual: self.res = lambda x: 0
        elif cin == cout and stride == 1: self.res = lambda x: x
        else: self.res = nn.Sequential(nn.Conv2d(cin, cout, 1, (stride, 1)), nn.BatchNorm2d(cout))
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x, a):
        res = self.res(x)
        n, _, t, v = x.shape
        g = self.gcn(x).view(n, 3, self.cout, t, v)
        g = torch.einsum('nkctv,kvw->nctw', g, a).contiguous()
        return self.relu(self.tcn(g) + res)


class StGcn(nn.Module):
    def __init__(self, widths=(16, 16, 16, 16, 32, 32, 32, 64, 64, 256), feature=128):
        super().__init__()
        a = torch.rand(3, 25, 25); self.register_buffer('A', a / a.sum(1, keepdim=True))
        self.data_bn = nn.BatchNorm1d(75)
        strides = (1, 1, 1, 1, 2, 1, 1, 2, 1, 1); cin = 3; blocks = []
        for i, (w, s) in enumerate(zip(widths, strides)):
            blocks.append(Block(cin, w, s, 0 if i == 0 else 0.5, i > 0)); cin = w
        self.blocks = nn.ModuleList(blocks)
        self.edge = nn.ParameterList([nn.Parameter(torch.ones(3, 25, 25)) for _ in blocks])
        self.fc = nn.Sequential(nn.Linear(cin, cin), nn.ReLU(), nn.Linear(cin, feature))

    def fmap(self, x):
        n, c, t, v, m = x.shape
        x = x.permute(0, 4, 3, 1, 2).reshape(n * m, v * c, t)
        x = self.data_bn(x).view(n, m, v, c, t).permute(0, 1, 3, 4, 2).reshape(n * m, c, t, v)
        for b, e in zip(self.blocks, self.edge): x = b(x, self.A * e)
        return x

    def pool(self, f, m):
        return f.mean((2, 3)).view(-1, m, f.shape[1]).mean(1)

    def forward(self, x, drop=False):
        f = self.fmap(x); z = self.fc(self.pool(f, x.shape[4]))
        if not drop: return z
        return z, self.fc(self.pool(eadm(f), x.shape[4]))


def eadm(f, keep=0.7, lam=1e-4):
    with torch.no_grad():
        nm, c, t, v = f.shape
        d2 = (f - f.mean((2, 3), keepdim=True)) ** 2
        a = torch.sigmoid(d2 / (4 * (d2.sum((2, 3), keepdim=True) / (t * v - 1) + lam)) + 0.5)
        ms = (a.mean((1, 2)) < keep).float().view(nm, 1, 1, v); ms = ms * ms.numel() / ms.sum().clamp(min=1)
        mt = (a < keep).float(); mt = mt * mt.numel() / mt.sum().clamp(min=1)
    return f * ms * mt


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--batch', type=int, default=16); p.add_argument('--steps', type=int, default=5)
    p.add_argument('--warmup', type=int, default=2); p.add_argument('--frames', type=int, default=50)
    p.add_argument('--queue', type=int, default=32768); p.add_argument('--threads', type=int, default=0)
    args = p.parse_args()
    if args.threads: torch.set_num_threads(args.threads)
    torch.manual_seed(0); np.random.seed(0); random.seed(0)
    q_enc, k_enc = StGcn(), StGcn()
    for pk in k_enc.parameters(): pk.requires_grad = False
    queue = F.normalize(torch.randn(128, args.queue), dim=0); ptr = 0
    opt = torch.optim.SGD(q_enc.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    data = np.random.randn(args.batch, 3, args.frames, 25, 2).astype(np.float32); data[..., 1] = 0
    times = []; cpu0 = 0.0
    for i in range(args.warmup + args.steps):
        if i == args.warmup: cpu0 = time.process_time()
        t0 = time.perf_counter()
        views = [[], [], []]
        for clip in data:                                   # the feeder: one clip at a time, NumPy
            views[0].append(extreme(clip)); views[1].append(normal(clip)); views[2].append(normal(clip))
        xe, xq, xk = (torch.from_numpy(np.stack(v)).float() for v in views)
        q = F.normalize(q_enc(xq), dim=1)
        qe, qed = q_enc(xe, drop=True); qe, qed = F.normalize(qe, dim=1), F.normalize(qed, dim=1)
        with torch.no_grad():
            for a, b in zip(q_enc.parameters(), k_enc.parameters()): b.mul_(0.999).add_(a.detach(), alpha=0.001)
            k = F.normalize(k_enc(xk), dim=1)
        mem = queue.clone().detach()
        logits = [torch.cat([(u * k).sum(1, keepdim=True), u @ mem], 1) / 0.07 for u in (q, qe, qed)]
        with torch.no_grad():                               # NNM (stage 2, top-1), union of the three queries
            mask = torch.zeros_like(logits[0]); mask[:, 0] = 1
            for z in logits: mask.scatter_(1, z[:, 1:].topk(1, dim=1)[1] + 1, 1)
        logp = F.log_softmax(logits[0], 1)
        l_n = -(logp.masked_fill(mask == 0, float('-inf')).logsumexp(1)).mean()
        target = F.softmax(logits[0].detach(), 1)
        l_d = -0.5 * ((target * F.log_softmax(logits[1], 1)).sum(1).mean() + (target * F.log_softmax(logits[2], 1)).sum(1).mean())
        loss = l_n + l_d
        queue[:, ptr:ptr + args.batch] = k.T; ptr = (ptr + args.batch) % args.queue
        opt.zero_grad(); loss.backward(); opt.step(); loss.item()
        if i >= args.warmup: times.append((time.perf_counter() - t0) * 1000)
    cpu = time.process_time() - cpu0
    times.sort(); n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    print(json.dumps({"benchmark": "pretrain-pytorch", "method": "aimclr", "batch": args.batch, "frames": args.frames,
                      "queue": args.queue, "steps": args.steps, "samples_per_s": round(args.batch * n / (sum(times) / 1000), 2),
                      "step_ms_median": round(median, 1), "samples_per_cpu_s": round(args.batch * n / cpu, 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == '__main__':
    main()
