#!/usr/bin/env bash
# Installs what Kokeilu needs to build and test, from Debian 12's packages (run as root).
set -euo pipefail

packages=(
    g++ cmake ninja-build
    libboost-graph-dev libboost-dev libtbb-dev libfmt-dev libcli11-dev catch2
    libtomlplusplus-dev librandom123-dev libhdf5-dev hdf5-tools libgraphviz-dev pkgconf
    python3-h5py python3-pandas python3-numpy
    chromium
    slurm-wlm munge # a one-node cluster for tests/app/sweep_slurm.sh (started by the test)
    openmpi-bin libopenmpi-dev # `sweep run --mpi` (tests/app/sweep_mpi.sh)
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages already installed"
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    SUDO=sudo
else
    SUDO=
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
