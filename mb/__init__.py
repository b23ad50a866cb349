"""MB Compass: a platform for running a youth-to-livelihood programme."""

__version__ = "0.4.0"
