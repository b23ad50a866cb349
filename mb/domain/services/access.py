"""Role checks shared by every service."""

from mb.domain.errors import NotFound, PermissionDenied
from mb.domain.model.roles import Role
from mb.domain.model.user import Actor, User
from mb.domain.ports.unit_of_work import UnitOfWork


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


async def youth_in_view(uow: UnitOfWork, actor: Actor, user_id: int) -> User:
    """The youth `user_id` if `actor` may see them; otherwise NotFound, which says no more than
    that (another mentor's youth and a youth who does not exist look the same)."""
    youth = await uow.users.get(user_id)
    if youth is None or youth.role is not Role.YOUTH or not can_view(actor, youth):
        raise NotFound("No such youth, or they are not in your caseload.")
    return youth
