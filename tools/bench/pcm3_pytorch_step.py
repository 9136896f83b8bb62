"""Time PCM3 pre-training steps in PyTorch, augmentation included, as the reference pipeline runs them.

Written from the spec (spec/pcm3.md §3-6), not from the authors' code. Per clip, in NumPy as the reference's
data workers do (§3): three views, each a temporal crop-resize to 64 frames (s ~ U(0.1, 1), linear
interpolation), then for v1 and v2 either joint corruption or shear (50/50), for v3 always shear. Then, on the
batch (§6.1-6.5): the topology mask (8 clips of 8 frames, 3 of 5 body parts per clip, person 0, one pattern per
batch), the SkeleMix-style inter view (CutMix / ResizeMix / Mixup, one draw per batch), the domain prompts added
before the input BatchNorm, the task prompts injected at a random offset, the CMD GRU (six unidirectional nn.GRU,
the fastest PyTorch formulation, as tools/bench/gru_pytorch_step.py), the decoder twice (stop-gradient copy for
the recovered view), the momentum key encoder, InfoNCE and relational KL for the four positives over a 16,384-key
queue, masked prediction x40, SGD. Prints one JSON line comparable to `bench pretrain --method pcm3`:

    python3 tools/bench/pcm3_pytorch_step.py --batch 16 --steps 3 --threads 2

The model sizes are the paper's (GRU 3 x 1024, decoder 512, r = 128, K = 16384) unless --hidden is given (the
decoder and the prompt window then scale with it, as the kit's reduced profiles do).
"""
import argparse, json, random, resource, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from gru_pytorch_step import blas_core, blas_library

# The five body parts of the topology mask and the inter view (0-based NTU joints; spec §6.1).
PARTS = [[3, 2, 20, 1, 0], [8, 9, 10, 11, 23, 24], [4, 5, 6, 7, 21, 22], [16, 17, 18, 19], [12, 13, 14, 15]]


def crop_resize(x, n, low=0.1, out=64):                  # x: C, T, V, M with n valid frames (§3)
    s = np.random.uniform(low, 1.0)
    length = min(max(int(n * s), out), n)
    start = np.random.randint(0, n - length + 1)
    clip = torch.from_numpy(np.ascontiguousarray(x[:, start:start + length]))
    c, t, v, m = clip.shape
    clip = clip.permute(0, 2, 3, 1).reshape(1, c * v * m, t)
    clip = F.interpolate(clip, size=out, mode='linear', align_corners=False)
    return clip.reshape(c, v, m, out).permute(0, 3, 1, 2).numpy()


def shear(x, amplitude=1.0):
    a = [random.uniform(-amplitude, amplitude) for _ in range(6)]
    s = np.array([[1, a[0], a[1]], [a[2], 1, a[3]], [a[4], a[5], 1]])
    return np.einsum('ij,jtvm->itvm', s, x)


def joint_corruption(x):
    x = x.copy()
    joints = random.sample(range(25), 15)
    if random.random() < 0.5:
        x[:, :, joints] = 0
    else:
        j = np.random.uniform(-1, 1, (3, 3))
        x[:, :, joints] = np.einsum('ij,itvm->jtvm', j, x[:, :, joints])
    return x


def views(batch, frames):                                  # the feeder: three views per clip (§3)
    v1, v2, v3 = [], [], []
    for x in batch:
        v1.append(joint_corruption(crop_resize(x, frames)) if random.random() < 0.5 else shear(crop_resize(x, frames)))
        v2.append(joint_corruption(crop_resize(x, frames)) if random.random() < 0.5 else shear(crop_resize(x, frames)))
        v3.append(shear(crop_resize(x, frames)))
    return [torch.from_numpy(np.stack(v)).float() for v in (v1, v2, v3)]


def to_seq(x):                                             # N, C, T, V, M -> N, T, 150 with index 6v + 2c + m (§1)
    n, c, t, v, m = x.shape
    return x.permute(0, 2, 3, 1, 4).reshape(n, t, v * c * m)


def topology_keep(t=64, clips=8, masked=3):                # §6.1: 1 = visible, (1, T, V, C, M) flattened to (1, T, 150)
    keep = torch.ones(t, 25, 3, 2)
    per = t // clips
    for i in range(clips):
        for part in random.sample(range(5), masked):
            keep[i * per:(i + 1) * per, PARTS[part], :, 0] = 0
    return keep.reshape(1, t, 150)


def inter_view(x):                                          # §6.2 on N, C, T, V, M; returns mixed, partner, lambda
    n = x.shape[0]
    partner = (torch.arange(n) + random.randint(1, n - 2)) % n
    joints = sorted(j for p in random.sample(range(5), random.randint(2, 3)) for j in PARTS[p])
    ct = random.randint(7, 11); b = random.randint(0, 16 - ct)
    t0, t1 = 4 * b, 4 * (b + ct)
    p = random.random()
    if p > 0.25:
        mixed = x.clone()
        source = x[partner]
        if p <= 0.5:                                        # ResizeMix: the partner's first frames, nearest resize
            length = min(2 * 4 * ct, x.shape[2])
            idx = (torch.arange(4 * ct) * length // (4 * ct)).long()
            region = source[:, :, idx][:, :, :, joints]
        else:                                               # CutMix
            region = source[:, :, t0:t1][:, :, :, joints]
        mixed[:, :, t0:t1, joints] = region
        lam = ct * len(joints) / (16 * 25)
    else:                                                   # Mixup
        lam = random.random()
        mixed = (1 - lam) * x + lam * x[partner]
    return mixed, partner, lam


class Encoder(nn.Module):                                   # the CMD GRU (spec §5) with the projection head
    def __init__(self, hidden, head=128):
        super().__init__()
        self.input_norm = nn.BatchNorm1d(150)
        self.chains = nn.ModuleList(nn.ModuleList([nn.GRU(150 if l == 0 else 2 * hidden, hidden) for _ in range(2)]) for l in range(3))
        self.fc = nn.Sequential(nn.Linear(2 * hidden, 2 * hidden), nn.ReLU(), nn.Linear(2 * hidden, head))
        for chain in self.chains:
            for g in chain:
                for _, p in g.named_parameters():
                    if p.dim() == 2: nn.init.xavier_uniform_(p)

    def seq(self, s):                                       # N, T, 150 -> N, T, 2H
        h = self.input_norm(s.transpose(1, 2)).permute(2, 0, 1)
        for fwd, rev in self.chains:
            h = torch.cat([fwd(h)[0], rev(h)[0]], 2)
        return h.transpose(0, 1)


class Decoder(nn.Module):                                   # §6.4
    def __init__(self, feature, width):
        super().__init__()
        self.linear = nn.Sequential(nn.Linear(feature, width), nn.BatchNorm1d(width), nn.ReLU(), nn.Linear(width, width))
        self.gru = nn.GRU(width, width, 2, batch_first=True)
        self.out = nn.Linear(width, 150)

    def forward(self, h):
        n, t, d = h.shape
        return self.out(self.gru(self.linear(h.reshape(n * t, d)).reshape(n, t, -1))[0])


class Pcm3(nn.Module):
    def __init__(self, hidden, queue, width, r):
        super().__init__()
        self.q, self.k = Encoder(hidden), Encoder(hidden)
        self.k.load_state_dict(self.q.state_dict())
        for p in self.k.parameters(): p.requires_grad = False
        self.dec = Decoder(2 * hidden, width)
        self.r, self.hidden = r, hidden
        bound = (6 / 300) ** 0.5
        self.domain = nn.ParameterList(nn.Parameter(torch.empty(1, 1, 150).uniform_(-bound, bound)) for _ in range(4))
        bound = (6 / (1 + 2 * r)) ** 0.5
        self.cl, self.mp = (nn.Parameter(torch.empty(1, 2 * r).uniform_(-bound, bound)) for _ in range(2))
        self.register_buffer('queue', F.normalize(torch.randn(128, queue), dim=0))

    def inj(self, h, p):                                    # §6.3: two r-wide windows at one random offset per call
        s = random.randint(0, self.hidden - self.r - 1)
        pad = F.pad(p.view(2, self.r), (s, self.hidden - self.r - s)).reshape(2 * self.hidden)
        return h + pad

    def embed(self, enc, feature):
        return F.normalize(enc.fc(self.inj(feature, self.cl)), dim=1)

    def step(self, v1, v2, v3):
        intra, inter, mask_p, predict = self.domain
        keep = topology_keep(v3.shape[2])
        xm, target = to_seq(v3) * keep, to_seq(v3)
        mixed, partner, lam = inter_view(v1)
        q = self.embed(self.q, self.q.seq(to_seq(v1) + intra)[:, -1])
        h = self.q.seq(xm + mask_p)
        hp = self.inj(h, self.mp)
        xhat_cl, xhat = self.dec(hp.detach()), self.dec(hp)
        q_mask = self.embed(self.q, h[:, -1])
        q_rec = self.embed(self.q, self.q.seq(xhat_cl * (1 - keep) + xm * keep + predict)[:, -1])
        q_mix = self.embed(self.q, self.q.seq(to_seq(mixed) + inter)[:, -1])
        with torch.no_grad():
            for pk, pq in zip(self.k.parameters(), self.q.parameters()): pk.mul_(0.999).add_(pq.detach(), alpha=0.001)
            k = self.embed(self.k, self.k.seq(to_seq(v2) + intra)[:, -1])
            k_mix = F.normalize((1 - lam) * k + lam * k[partner], dim=1)
        queue = self.queue.clone()
        loss = 0
        for query, key in ((q, k), (q_mix, k_mix), (q_mask, k), (q_rec, k)):
            logits = torch.cat([(query * key).sum(1, keepdim=True), query @ queue], 1) / 0.07
            loss = loss + F.cross_entropy(logits, torch.zeros(len(query), dtype=torch.long))
            teacher = F.softmax(key @ queue / 0.05, dim=1)
            loss = loss + (teacher * (torch.log(teacher + 1e-12) - F.log_softmax(query @ queue / 0.1, dim=1))).sum(1).mean()
        hidden = 1 - keep
        loss = loss + 40 * (((xhat - target) ** 2) * hidden).sum() / (hidden.sum() * len(xhat))
        with torch.no_grad():                               # enqueue k (the bench keeps the pointer at 0: same cost)
            self.queue[:, :len(k)] = k.t()
        return loss


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--batch', type=int, default=16); p.add_argument('--steps', type=int, default=3)
    p.add_argument('--warmup', type=int, default=1); p.add_argument('--frames', type=int, default=64)
    p.add_argument('--hidden', type=int, default=1024); p.add_argument('--queue', type=int, default=16384)
    p.add_argument('--threads', type=int, default=0)
    args = p.parse_args()
    if args.batch < 3 or args.steps < 1 or args.frames < 1 or args.hidden < 16:
        p.error('--batch at least 3, --steps and --frames at least 1, --hidden at least 16')
    if args.threads: torch.set_num_threads(args.threads)
    torch.manual_seed(0); random.seed(0); np.random.seed(0)
    scale = args.hidden / 1024
    model = Pcm3(args.hidden, args.queue, max(1, round(512 * scale)), max(1, round(128 * scale))).train()
    params = [q for q in model.parameters() if q.requires_grad]
    opt = torch.optim.SGD(params, lr=0.02, momentum=0.9, weight_decay=1e-4)
    clips = np.random.randn(args.batch, 3, args.frames, 25, 2).astype(np.float32)
    clips[..., 1] = 0                                       # most clips have one body
    times = []; cpu0 = 0.0
    for i in range(args.warmup + args.steps):
        if i == args.warmup: cpu0 = time.process_time()
        t0 = time.perf_counter()
        v1, v2, v3 = views(clips, args.frames)
        opt.zero_grad()
        loss = model.step(v1, v2, v3)
        loss.backward(); opt.step(); loss.item()
        if i >= args.warmup: times.append((time.perf_counter() - t0) * 1000)
    cpu = time.process_time() - cpu0
    times.sort(); n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    print(json.dumps({"benchmark": "pretrain-pytorch", "method": "pcm3", "hidden": args.hidden, "batch": args.batch,
                      "frames": args.frames, "queue": args.queue, "steps": args.steps,
                      "samples_per_s": round(args.batch * n / (sum(times) / 1000), 2), "step_ms_median": round(median, 1),
                      "samples_per_cpu_s": round(args.batch * n / cpu, 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library(), "blas_core": blas_core()}))


if __name__ == '__main__':
    main()
