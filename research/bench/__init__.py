"""Benchmarks of research (``make bench``): the anonymiser and a peer library, the export and
a backup, on a made-up group (data.py). Importing this package registers them all."""

from research.bench import anonymiser, export

__all__ = ["anonymiser", "export"]
