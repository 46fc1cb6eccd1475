"""Handing freed memory back: safe to call anywhere, and it does give memory back."""

from __future__ import annotations

import subprocess
import sys


def test_release_memory_gives_back_what_a_freed_table_held():
    code = (
        "import gc, resource\n"
        "from safeguarding_assurance.memory import release_memory\n"
        "def rss():\n"
        "    return int(open('/proc/self/statm').read().split()[1]) * resource.getpagesize()\n"
        "chunks = [bytearray(1000) for _ in range(200_000)]\n"  # many small blocks
        "high = rss(); del chunks; gc.collect(); before = rss()\n"
        "release_memory(); after = rss()\n"
        "print(high, before, after)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    high, _, after = (int(x) for x in out.stdout.split())
    assert after < high - 100_000_000  # most of the 200 MB is back with the system


def test_release_memory_without_pyarrow_loaded_imports_nothing():
    code = (
        "import sys; from safeguarding_assurance.memory import release_memory; "
        "release_memory(); print('pyarrow' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_runner_and_its_kernels_use_the_c_allocator_for_pyarrow():
    # set by the command before pyarrow is imported; inherited by the kernels it starts
    code = (
        "import os; os.environ.pop('ARROW_DEFAULT_MEMORY_POOL', None)\n"
        "from safeguarding_assurance.memory import use_system_allocator\n"
        "use_system_allocator()\n"
        "import pyarrow; print(pyarrow.default_memory_pool().backend_name)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "system"
