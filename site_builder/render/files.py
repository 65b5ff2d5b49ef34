"""What rendering makes: output files as a path under the output folder and bytes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    """One file to write: its path under the output folder and its bytes."""

    path: str
    data: bytes
