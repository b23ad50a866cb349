"""The system page for admins: what the operator would otherwise need a shell for."""

from nicegui import ui

from mb.domain.model.roles import Role
from mb.ui.guard import require_user
from mb.ui.i18n import t
from mb.ui.pages.system_audit import AuditSection
from mb.ui.pages.system_backups import BackupsSection
from mb.ui.pages.system_features import FeaturesSection
from mb.ui.pages.system_flags import FlagsSection
from mb.ui.pages.system_maintenance import MaintenanceSection
from mb.ui.pages.system_overview import OverviewSection
from mb.ui.pages.system_points import points_section


async def page() -> None:
    signed_in = await require_user(Role.ADMIN)
    if signed_in is None:
        return
    _, actor = signed_in
    ui.label(t("System")).classes("text-2xl font-semibold").props('role="heading" aria-level="1"')
    overview = OverviewSection(actor)
    await overview.load()
    overview.show()
    maintenance = MaintenanceSection(actor)
    await maintenance.load()
    maintenance.show()
    flags = FlagsSection(actor)
    await flags.load()
    flags.show()
    backups = BackupsSection(actor)
    await backups.load()
    backups.show()
    features = FeaturesSection(actor)
    await features.load()
    features.show()
    points_section(actor)
    audit = AuditSection(actor)
    await audit.load()
    audit.show()
