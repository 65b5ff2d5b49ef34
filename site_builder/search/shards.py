"""Which articles share a Pagefind bundle: one shard a month, split when a month is big.

A shard is re-indexed only when one of its records changes, and an edit is
mostly to a recent article, so shards follow the calendar: a month is one shard
(`2024-12`) while it holds at most SHARD_SIZE articles; a bigger month is cut
into runs of whole days (`2024-12-01`, `2024-12-11`…), each at most SHARD_SIZE
articles, a day bigger than that into runs of its own (`2024-12-11-2`). Runs
never depend on other months, so an article added or changed re-indexes its own
month at most.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from itertools import groupby

from ..digests import digest
from .records import SearchRecord

SHARD_SIZE = 400  # articles; the README says why (one shard re-indexed per edit)


@dataclass(frozen=True)
class Shard:
    name: str  # its folder under pagefind/
    records: tuple[SearchRecord, ...]  # oldest first

    def key(self, salt: str) -> str:
        """Equal keys, equal bundles: everything Pagefind is given for this shard."""
        return digest(salt, pickle.dumps(self.records, protocol=4))


def make_shards(records: list[SearchRecord], size: int = SHARD_SIZE) -> list[Shard]:
    """The shards of records given oldest first, newest shard first."""
    shards: list[Shard] = []
    for (year, month), in_month in groupby(records, key=lambda r: r.month):
        month_records = list(in_month)
        name = f"{year:04d}-{month:02d}"
        if len(month_records) <= size:
            shards.append(Shard(name, tuple(month_records)))
            continue
        shards += _runs_of_days(name, month_records, size)
    shards.reverse()
    return shards


def _runs_of_days(month: str, records: list[SearchRecord], size: int) -> list[Shard]:
    runs: list[Shard] = []
    current: list[SearchRecord] = []
    for day, in_day in groupby(records, key=lambda r: r.day):
        day_records = list(in_day)
        if current and len(current) + len(day_records) > size:
            runs.append(Shard(f"{month}-{current[0].day:02d}", tuple(current)))
            current = []
        if len(day_records) > size:
            for start in range(0, len(day_records), size):
                part = start // size + 1
                suffix = f"{day:02d}" if part == 1 else f"{day:02d}-{part}"
                runs.append(Shard(f"{month}-{suffix}", tuple(day_records[start : start + size])))
            continue
        current += day_records
    if current:
        runs.append(Shard(f"{month}-{current[0].day:02d}", tuple(current)))
    return runs
