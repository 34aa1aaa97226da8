"""Print an OpenBLAS kernel that this CPU can run and that NumPy did not pick here.

`make test` runs the notebooks a second time with OPENBLAS_CORETYPE set to it. A committed output that
depends on the BLAS kernel (a diverging run, a float printed to its last digit) then fails on the machine
that made it, not later on a machine with another CPU. Kernels differ in how they round sums: Haswell's
(picked on AVX2 machines without AVX-512, and on AMD's) and SkylakeX's once left notebook 10 printing
9.7 % on one and 10.0 % on the other.
"""

from pathlib import Path

import numpy  # noqa: F401  (loads OpenBLAS, so that threadpoolctl can name the kernel it picked)
from threadpoolctl import threadpool_info

# OpenBLAS kernels and the CPU flags each needs, most common first.
KERNELS = [("Haswell", {"avx2", "fma"}), ("Sandybridge", {"avx"}), ("Nehalem", set())]


def native_kernel():
    """The kernel OpenBLAS picked for this CPU, e.g. 'Haswell' or 'SkylakeX'; None if NumPy uses another BLAS."""
    return next((lib.get("architecture") for lib in threadpool_info() if lib.get("internal_api") == "openblas"), None)


def cpu_flags():
    cpuinfo = Path("/proc/cpuinfo")
    return set(cpuinfo.read_text().split()) if cpuinfo.exists() else set()


def other_kernel(native, flags):
    """The first kernel of KERNELS that is not `native` and whose instructions the CPU has.

    None where there is no such choice: NumPy without OpenBLAS (macOS's wheels use Accelerate), or a CPU
    that is not x86 (no "sse2" flag; on ARM, OpenBLAS has other kernels).
    """
    if native is None or "sse2" not in flags:
        return None
    return next(name for name, needs in KERNELS if name.lower() != native.lower() and needs <= flags)


if __name__ == "__main__":
    print(other_kernel(native_kernel(), cpu_flags()) or "")
