"""Demo data for `mb demo-data`: a believable programme, generated from a seed without any I/O.

The same seed, sizes and last day always give the same data; `mb/adapters/db/demo_data.py`
writes it.
"""
