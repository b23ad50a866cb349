"""Levels from points: thresholds in one table."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    threshold: int  # points needed to reach it


LEVELS = (
    Level(1, "Newcomer", 0),
    Level(2, "Explorer", 50),
    Level(3, "Learner", 150),
    Level(4, "Achiever", 300),
    Level(5, "Pathfinder", 600),
    Level(6, "Champion", 1000),
    Level(7, "Trailblazer", 1500),
)


@dataclass(frozen=True)
class LevelProgress:
    level: Level
    next: Level | None
    points: int

    @property
    def to_next(self) -> int:
        """Points still needed for the next level (0 at the top)."""
        return max(self.next.threshold - self.points, 0) if self.next else 0

    @property
    def percent(self) -> int:
        """How far from this level's threshold to the next one's, 0 to 100."""
        if self.next is None:
            return 100
        span = self.next.threshold - self.level.threshold
        return min(100, max(0, (self.points - self.level.threshold) * 100 // span))


def level_for(points: int) -> LevelProgress:
    reached = [level for level in LEVELS if points >= level.threshold] or [LEVELS[0]]
    level = reached[-1]
    following = LEVELS[level.number] if level.number < len(LEVELS) else None
    return LevelProgress(level, following, points)
