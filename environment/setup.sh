#!/usr/bin/env bash
# Prepares a fresh Linux machine for the kit: checks the .NET 10 SDK, installs what the notebook tests drive (Jupyter's
# client and nbconvert, headless Chromium) and a single-node Slurm (slurm-wlm, munge: the test of `table run --executor slurm`
# starts its own cluster on localhost) where apt-get is available, installs the pinned notebook kernel (a local
# dotnet tool, .config/dotnet-tools.json), registers it with Jupyter and restores the solution.
# The native libstdc++ compatibility step needs no action here: the library applies it at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "The .NET 10 SDK is required (https://dotnet.microsoft.com/download); on Debian/Ubuntu:" >&2
  echo "  apt-get install -y dotnet-sdk-10.0   (after adding Microsoft's package feed)" >&2
  exit 1
fi

# Jupyter (to run notebooks as a Jupyter user does, and export them to HTML), Chromium (to look at the pages) and Slurm.
packages=(jupyter-nbconvert python3-nbclient python3-ipykernel chromium slurm-wlm munge)
missing=()
command -v jupyter-nbconvert >/dev/null 2>&1 && /usr/bin/python3 -c 'import nbclient' >/dev/null 2>&1 || missing+=(jupyter-nbconvert python3-nbclient python3-ipykernel)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Slurm's daemons and clients, and munge (its authentication), for the cluster test (tests/…/Cli/SlurmExecutorTests.cs).
command -v sbatch >/dev/null 2>&1 && { command -v slurmctld || [ -x /usr/sbin/slurmctld ]; } >/dev/null 2>&1 || missing+=(slurm-wlm)
{ command -v munged || [ -x /usr/sbin/munged ]; } >/dev/null 2>&1 || missing+=(munge)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "warning: install ${packages[*]} (Debian/Ubuntu names) for the notebook browser, Jupyter and Slurm tests" >&2
  fi
fi

# The notebook kernel, pinned as a local tool, and its Jupyter kernel spec (".NET (C#)", name .net-csharp).
dotnet tool restore
# (Debian's Jupyter has no `jupyter kernelspec` command, so the spec's file is what is checked; the installer writes
# into the user's kernels folder but does not create it, and a freshly installed Jupyter has none.)
if command -v jupyter >/dev/null 2>&1; then
  kernels="$(jupyter --data-dir)/kernels"
  if [ ! -f "$kernels/.net-csharp/kernel.json" ]; then
    mkdir -p "$kernels"
    dotnet tool run dotnet-interactive -- jupyter install
  fi
fi

dotnet restore Reproduce.sln "$@"
