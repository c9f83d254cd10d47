"""Analyses over stored records: tallies per source over time (pure functions, no I/O)."""

from uprising.analysis.tally import Figure, TallyRow, as_of_key, build_tally

__all__ = ["Figure", "TallyRow", "as_of_key", "build_tally"]
