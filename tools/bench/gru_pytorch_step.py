"""Time training steps of the CMD/PCM3 GRU encoder in PyTorch, in its fastest PyTorch formulation.

Written from the spec (spec/pcm3.md §5.1), not from the authors' code: the clip (N, 3, T, 25, 2) is
flattened to (N, T, 150) with index 6v + 2c + m, normalised by BatchNorm1d(150) (statistics over
N·T), and run through three layers of two causal GRU chains of hidden 1024 ("fwd" and "rev", both
forward in time, as the reference's one-frame-at-a-time calls make them). Each chain is one
unidirectional single-layer nn.GRU over the whole sequence (six in all, §5.1), time-major so no
layer transposes its input; layer l + 1 reads [h_fwd(t); h_rev(t)]. The feature is the 2048-d
output at the last step and the head is Linear(2048, 2048), ReLU, Linear(2048, 128). One step is
the same as `bench encoder --encoder gru`: forward, loss = mean(z²), backward, SGD (lr 0.1,
momentum 0.9, weight decay 1e-4). Prints one JSON line comparable to `bench encoder`:

    python3 tools/bench/gru_pytorch_step.py --batch 16 --steps 5 --threads 2

The JSON records the torch version, its thread count and the BLAS library the process loaded
(Debian's python3-torch calls the system libblas.so.3: with only the reference BLAS installed
PyTorch is many times slower than it can be, so install an optimised one, e.g. OpenBLAS). With OpenBLAS it also
records the kernel set OpenBLAS chose: 0.3.21 does not recognise every CPU (a VM's "Intel Xeon Processor" runs its
generic "Prescott" kernels, several times slower); set OPENBLAS_CORETYPE (e.g. SkylakeX, Haswell) to the CPU's.
"""
import argparse, json, resource, time
import torch
import torch.nn as nn


class CmdGru(nn.Module):
    def __init__(self, input_size=150, hidden=1024, layers=3, head=128):
        super().__init__()
        self.input_norm = nn.BatchNorm1d(input_size)
        self.chains = nn.ModuleList()
        for l in range(layers):
            width = input_size if l == 0 else 2 * hidden
            self.chains.append(nn.ModuleList([nn.GRU(width, hidden) for _ in range(2)]))  # fwd, "rev"
        self.fc = nn.Sequential(nn.Linear(2 * hidden, 2 * hidden), nn.ReLU(), nn.Linear(2 * hidden, head))
        for gru in self.chains:                              # spec §5.2: Xavier-uniform GRU weights
            for g in gru:
                for name, p in g.named_parameters():
                    if p.dim() == 2: nn.init.xavier_uniform_(p)
        nn.init.xavier_uniform_(self.fc[2].weight)

    def forward(self, x):                                     # x: N, C, T, V, M
        n, c, t, v, m = x.shape
        seq = x.permute(0, 2, 3, 1, 4).reshape(n, t, v * c * m)
        seq = self.input_norm(seq.transpose(1, 2))            # N, 150, T
        h = seq.permute(2, 0, 1)                              # T, N, 150: time-major for every layer
        for fwd, rev in self.chains:
            h = torch.cat([fwd(h)[0], rev(h)[0]], 2)          # both chains causal, same input
        return self.fc(h[-1])                                 # last step, 2048-d


def blas_library():
    try:
        with open('/proc/self/maps') as f:
            libs = {line.split()[-1] for line in f if 'blas' in line.lower() or 'mkl' in line.lower()}
        return sorted(l.rsplit('/', 2)[-2] + '/' + l.rsplit('/', 1)[-1] for l in libs if l.startswith('/'))
    except OSError:
        return []


def blas_core():
    """OpenBLAS's chosen kernel set (openblas_get_corename), or None when the process has no OpenBLAS."""
    import ctypes
    for lib in blas_library():
        if 'openblas' not in lib.lower():
            continue
        for path in open('/proc/self/maps').read().split():
            if path.endswith(lib.rsplit('/', 1)[-1]) and path.startswith('/'):
                try:
                    handle = ctypes.CDLL(path)
                    handle.openblas_get_corename.restype = ctypes.c_char_p
                    return handle.openblas_get_corename().decode()
                except (OSError, AttributeError):
                    break
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--batch', type=int, default=16); p.add_argument('--steps', type=int, default=5)
    p.add_argument('--warmup', type=int, default=1); p.add_argument('--frames', type=int, default=64)
    p.add_argument('--hidden', type=int, default=1024); p.add_argument('--threads', type=int, default=0)
    args = p.parse_args()
    if args.batch < 1 or args.steps < 1 or args.frames < 1 or args.hidden < 1:
        p.error('--batch, --steps, --frames and --hidden must be at least 1')
    if args.threads: torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = CmdGru(hidden=args.hidden).train()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    x = torch.randn(args.batch, 3, args.frames, 25, 2)
    times = []; cpu0 = 0.0
    for i in range(args.warmup + args.steps):
        if i == args.warmup: cpu0 = time.process_time()
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = model(x).square().mean()
        loss.backward(); opt.step(); loss.item()
        if i >= args.warmup: times.append((time.perf_counter() - t0) * 1000)
    cpu = time.process_time() - cpu0
    times.sort(); n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    print(json.dumps({"benchmark": "encoder-pytorch", "encoder": "gru", "config": f"hidden {args.hidden}",
                      "parameters": sum(q.numel() for q in model.parameters()), "batch": args.batch,
                      "frames": args.frames, "steps": args.steps, "seconds": round(sum(times) / 1000, 3),
                      "step_ms": round(sum(times) / n, 1), "step_ms_median": round(median, 1),
                      "samples_per_s": round(args.batch * n / (sum(times) / 1000), 2),
                      "cpu_seconds": round(cpu, 3), "samples_per_cpu_s": round(args.batch * n / cpu, 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_library(), "blas_core": blas_core()}))


if __name__ == '__main__':
    main()
