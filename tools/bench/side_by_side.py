"""A training step, ours against PyTorch's, side by side on the same CPU.

--model gru: `bench encoder --encoder gru` against tools/bench/gru_pytorch_step.py (six nn.GRU, spec/pcm3.md §5.1);
--model pcm3: `bench pretrain --method pcm3 --frames 64 --queue 16384` (the paper's sizes, augmentation included)
against tools/bench/pcm3_pytorch_step.py. The kit runs from its Release build (run
`dotnet build lib/SkeletonSsl.Cli -c Release` first). The two alternate, ROUNDS times each per batch size, with
the same thread count, and the script prints a table: the median samples/s of each, their ratio (ours / PyTorch)
and the largest peak RSS of each. Interleaving matters on a shared machine: both see the same load, round by
round. Every raw JSON line is printed too.

    python3 tools/bench/side_by_side.py --model gru --batches 16,64 --rounds 3 --threads 2
    python3 tools/bench/side_by_side.py --model pcm3 --batches 16 --rounds 2 --threads 2

--python is the interpreter that has torch (Debian's python3-torch installs into /usr/bin/python3).
"""
import argparse, json, os, statistics, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(cmd):
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    lines = [l for l in out.stdout.splitlines() if l.startswith('{')]
    if out.returncode != 0 or not lines:
        sys.exit(f"failed ({out.returncode}): {' '.join(cmd)}\n{out.stdout}\n{out.stderr}")
    print(lines[-1], flush=True)
    return json.loads(lines[-1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--model', choices=['gru', 'pcm3'], default='gru')
    p.add_argument('--batches', default='16,64'); p.add_argument('--rounds', type=int, default=3)
    p.add_argument('--steps', type=int, default=3); p.add_argument('--warmup', type=int, default=1)
    p.add_argument('--threads', type=int, default=2); p.add_argument('--python', default='/usr/bin/python3')
    args = p.parse_args()
    batches = [int(b) for b in args.batches.split(',')]
    if args.rounds < 1 or args.steps < 1 or args.threads < 1 or any(b < 1 for b in batches):
        p.error('--rounds, --steps, --threads and every batch must be at least 1')
    common = ['--steps', str(args.steps), '--warmup', str(args.warmup), '--threads', str(args.threads)]
    kit = ['dotnet', 'run', '--project', 'lib/SkeletonSsl.Cli', '-c', 'Release', '--no-build', '--']
    if args.model == 'gru':
        ours_cmd = kit + ['bench', 'encoder', '--encoder', 'gru']
        torch_cmd = [args.python, 'tools/bench/gru_pytorch_step.py']
        title = 'GRU 3x1024 training step, T = 64'
    else:
        ours_cmd = kit + ['bench', 'pretrain', '--method', 'pcm3', '--frames', '64', '--queue', '16384']
        torch_cmd = [args.python, 'tools/bench/pcm3_pytorch_step.py', '--queue', '16384']
        title = 'PCM3 pre-training step (GRU 3x1024, decoder 512, K = 16384, augmentation included), T = 64'
    ours_cmd = ours_cmd
    rows = []
    for b in batches:
        ours, ref = [], []
        for r in range(args.rounds):
            # Alternate which goes first, so neither always meets the same neighbours' load.
            pair = [(ours, ours_cmd), (ref, torch_cmd)]
            for results, cmd in (pair if r % 2 == 0 else pair[::-1]):
                results.append(run(cmd + ['--batch', str(b)] + common))
        o = statistics.median(x['samples_per_s'] for x in ours)
        t = statistics.median(x['samples_per_s'] for x in ref)
        rows.append((b, o, t, o / t, max(x['peak_rss_mb'] for x in ours), max(x['peak_rss_mb'] for x in ref),
                     [x['samples_per_s'] for x in ours], [x['samples_per_s'] for x in ref]))
        torch_info = f"torch {ref[0]['torch']}, {ref[0]['threads']} threads, BLAS {', '.join(ref[0]['blas']) or 'unknown'}" + (f" (OpenBLAS kernels {ref[0]['blas_core']})" if ref[0].get('blas_core') else '')
    print(f"\n{title}, {args.rounds} interleaved rounds of {args.steps} steps; ours {ours[0]['threads']} threads; {torch_info}")
    print(f"{'batch':>5} | {'ours samples/s':>14} | {'PyTorch samples/s':>17} | {'ours/PyTorch':>12} | {'ours peak RSS MB':>16} | {'PyTorch peak RSS MB':>19} | rounds (ours; PyTorch)")
    for b, o, t, ratio, mo, mt, lo, lt in rows:
        print(f"{b:>5} | {o:>14.2f} | {t:>17.2f} | {ratio:>11.2f}x | {mo:>16} | {mt:>19} | {lo}; {lt}")


if __name__ == '__main__':
    main()
