from enum import StrEnum


class Role(StrEnum):
    YOUTH = "youth"
    MENTOR = "mentor"
    ADMIN = "admin"

    @property
    def is_staff(self) -> bool:
        return self is not Role.YOUTH
