"""Random streams for demo data: repeatable from a seed, one per topic."""

import random


def random_stream(seed: int, *topic: object) -> random.Random:
    """Its own stream per topic (e.g. each youth's learning), so adding youth changes no one else's."""
    return random.Random(":".join(map(str, (seed, *topic))))  # noqa: S311 - repeatable demo data, no secrets
