#!/usr/bin/env bash
# GPU check for the CrysToGraph model (run on a CUDA machine; under 5 minutes in all):
#   1. build with the cuda profile (PyTorch 2.5.1 cu124 native library instead of the CPU one),
#   2. train 200 steps of the default preset on the perovskite task (batch 32) on the GPU,
#   3. time batched inference (bench model: batch 32 and 1, training step) on the GPU.
# Prints everything to stdout; copy the output into docs/performance.md ("Model", GPU).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || { echo "no NVIDIA GPU visible"; exit 2; }
start=$(date +%s)
./mvnw -q -B -o package -DskipTests -Pcuda || ./mvnw -q -B package -DskipTests -Pcuda
echo "build: $(( $(date +%s) - start )) s"
export OMP_WAIT_POLICY=PASSIVE MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=100000000000
run() { java -Xmx8g -Dai.djl.offline=true -Dcrystograph.home="$root" -jar target/quarkus-app/quarkus-run.jar "$@"; }
out="$(mktemp -d)"
# 200 steps: the perovskite training fold has 2,726 samples = 86 batches of 32 per epoch, so 3 epochs ~ 258 steps;
# 2 epochs + the first validation give ~172 steps plus evaluation; use 3 epochs and stop at the time limit.
timeout 150 bash -c "$(declare -f run); run train --task perov5-castelli --fold 0 --preset default --epochs 3 \
  --device gpu --out '$out/gpu-train'" || echo "training stopped by the time limit (see the epoch lines above)"
run bench model --device gpu --preset default,small --seconds 10 --task local_jarvis271_eform
echo "total: $(( $(date +%s) - start )) s"
