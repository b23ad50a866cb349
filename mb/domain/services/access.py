"""Role checks shared by every service."""

from mb.domain.errors import PermissionDenied
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User


def require_role(actor: Actor, *roles: Role) -> None:
    if actor.role not in roles:
        raise PermissionDenied()


def require_self_or_admin(actor: Actor, user_id: int) -> None:
    if actor.user_id != user_id and actor.role is not Role.ADMIN:
        raise PermissionDenied("You can only change your own profile.")


def can_view(actor: Actor, user: User) -> bool:
    """Admins see everyone, mentors their own caseload, everyone themselves."""
    if actor.role is Role.ADMIN or actor.user_id == user.id:
        return True
    return actor.role is Role.MENTOR and user.mentor_id == actor.user_id
