"""Prerequisites form a graph that must stay acyclic: no module may (indirectly) require itself."""

from collections.abc import Iterable, Mapping


def cycle_through(
    graph: Mapping[int, Iterable[int]], module_id: int, prerequisites: Iterable[int]
) -> list[int]:
    """The module ids of a cycle the new `prerequisites` of `module_id` would close, or [].

    `graph` maps each module to its current prerequisites; the returned path starts and ends
    with `module_id`, so it can be shown ("IT-101 → IT-102 → IT-101").
    """
    edges = {node: list(targets) for node, targets in graph.items()}
    edges[module_id] = list(prerequisites)
    trail: list[int] = []
    seen: set[int] = set()

    def visit(node: int) -> list[int]:
        if node == module_id and trail:
            return [*trail, node]
        if node in seen:
            return []
        seen.add(node)
        trail.append(node)
        for target in edges.get(node, []):
            if found := visit(target):
                return found
        trail.pop()
        return []

    return visit(module_id)


def locked_by(prerequisites: Iterable[int], completed: set[int]) -> list[int]:
    """The prerequisites not yet completed: while any remain, the module is locked."""
    return [module_id for module_id in prerequisites if module_id not in completed]
