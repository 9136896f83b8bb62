#!/usr/bin/env bash
# Prepares a fresh Linux machine for the kit: checks the .NET 10 SDK and restores the solution.
# The native libstdc++ compatibility step needs no action here: the library applies it at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "The .NET 10 SDK is required (https://dotnet.microsoft.com/download); on Debian/Ubuntu:" >&2
  echo "  apt-get install -y dotnet-sdk-10.0   (after adding Microsoft's package feed)" >&2
  exit 1
fi
dotnet restore Reproduce.sln "$@"
