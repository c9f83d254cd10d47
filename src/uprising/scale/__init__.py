"""Scale-out: extraction over partitions on Dask workers, and bulk loads into the database.

`dask_extract` runs the pure extractor on a Dask cluster (a LocalCluster by default) and writes
partitioned JSONL or Parquet; `load` bulk-loads such output into SQLite or PostgreSQL, idempotent
and resumable. `parts` cuts inputs into partitions and reads and writes the partition files.
"""

from __future__ import annotations

__all__: list[str] = []
