"""Run one section notebook with papermill, safely next to other notebooks running in parallel.

Kernels talk to papermill over ZeroMQ. Over TCP, jupyter_client picks free ports by binding and
releasing them before the kernel binds them again, so two kernels starting at the same moment can
pick the same port ("ZMQError: Address already in use"; papermill#511, snakemake#3689). On POSIX
the kernel here talks over IPC (Unix sockets) in a private temporary folder instead: no ports, no
race. Windows keeps TCP, and the Snakemake rule retries a job that lost the race.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

KERNEL = "python3"


def kernel_config(socket_dir: str | None):
    """traitlets config: IPC transport with sockets under ``socket_dir`` (None: the TCP default)."""
    from traitlets.config import Config

    if socket_dir is None:
        return Config()
    return Config({"KernelManager": {"transport": "ipc", "ip": str(Path(socket_dir) / "kernel")}})


def execute_section(notebook: str | Path, output: str | Path, parameters: dict, cwd: str | Path) -> None:
    """papermill.execute_notebook with the kernel named explicitly and race-free sockets."""
    import papermill

    Path(output).parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sweval-kernel-") as sockets:
        papermill.execute_notebook(
            str(notebook), str(output), parameters=parameters, kernel_name=KERNEL, cwd=str(cwd),
            progress_bar=False, log_output=False, request_save_on_cell_execute=False,
            config=kernel_config(sockets if os.name == "posix" else None))
