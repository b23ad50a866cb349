"""The NiceGUI single-page app: one root page whose sub-pages are the routes of DESIGN §5."""

import asyncio
import os

from nicegui import app, ui
from nicegui.storage import Storage

from mb.bootstrap import Services
from mb.daily_jobs import start_daily_jobs
from mb.logging import add_context_source
from mb.mail_worker import MailWorker
from mb.ui import services as service_registry
from mb.ui.downloads import add_download_routes
from mb.ui.frame import Shell
from mb.ui.health import add_health_routes
from mb.ui.log_context import tab_context
from mb.ui.maintenance_gate import closed_for_maintenance
from mb.ui.page_errors import Page, shown_safely
from mb.ui.pages import (
    achievements,
    admin_modules,
    admin_surveys,
    admin_system,
    admin_users,
    at_risk,
    caseload,
    home,
    insights_funnel,
    insights_gamification,
    insights_interventions,
    insights_modules,
    insights_overview,
    insights_sectors,
    learn,
    learn_module,
    login,
    my_surveys,
    profile,
    register,
    survey_response,
    youth_view,
)
from mb.ui.request_ids import add_request_ids

PAGES: dict[str, Page] = {
    "/": home.page,
    "/login": login.page,
    "/register": register.page,
    "/s/{token}": survey_response.page,  # public: answered through an emailed link
    "/s/": survey_response.no_token_page,  # a link cut short looks like any other unusable one
    "/s": survey_response.no_token_page,
    "/profile": profile.page,
    "/admin/users": admin_users.page,
    "/admin/modules": admin_modules.page,
    "/admin/modules/new": admin_modules.new_module_page,  # before {module_id}: first match wins
    "/admin/modules/{module_id}": admin_modules.module_page,
    "/admin/system": admin_system.page,
    "/admin/surveys": admin_surveys.page,
    "/admin/surveys/new": admin_surveys.new_survey_page,  # before {template_id}
    "/admin/surveys/results/{distribution_id}": admin_surveys.results_page,
    "/admin/surveys/{template_id}": admin_surveys.survey_page,
    "/admin/surveys/{template_id}/send": admin_surveys.send_page,
    "/learn": learn.page,
    "/learn/{module_id}": learn_module.page,
    "/achievements": achievements.page,
    "/surveys": my_surveys.page,
    "/youth/{user_id}": youth_view.page,
    "/insights": insights_overview.page,
    "/insights/at-risk": at_risk.page,
    "/insights/funnel": insights_funnel.page,
    "/insights/sectors": insights_sectors.page,
    "/insights/modules": insights_modules.page,
    "/insights/gamification": insights_gamification.page,
    "/insights/interventions": insights_interventions.page,
    "/caseload": caseload.page,
}
ROUTES = {path: shown_safely(closed_for_maintenance(path, page)) for path, page in PAGES.items()}
# White text on each has a contrast ratio of 7:1 or more (WCAG 2.1 AA needs 4.5:1).
PRIMARY = "#0b5394"
POSITIVE = "#1b5e20"
NEGATIVE = "#b71c1c"


def build(services: Services) -> None:
    """Register routes and lifecycle hooks; call once per process before `ui.run(root)`."""
    service_registry.install(services)
    add_context_source(tab_context)
    add_request_ids(app)
    add_health_routes(app)
    add_download_routes(app)
    app.on_shutdown(services.aclose)


async def root() -> None:
    ui.colors(primary=PRIMARY, positive=POSITIVE, negative=NEGATIVE)
    ui.page_title("MB Compass")
    shell = Shell()
    app.storage.client["shell"] = shell
    with ui.header().classes("bg-primary px-4 py-2"):
        await shell.header()
    with ui.column().classes("w-full max-w-5xl mx-auto p-4 gap-4"):
        shell.pages = ui.sub_pages(ROUTES).classes("w-full")


def run(services: Services, host: str, port: int) -> None:
    build(services)
    jobs: list[asyncio.Task[None]] = []
    mail = MailWorker(services.mail_delivery)

    async def start_jobs() -> None:
        jobs.extend(start_daily_jobs(services))
        mail.start()

    async def stop_jobs() -> None:
        for job in jobs:
            job.cancel()
        await mail.stop()

    app.on_startup(start_jobs)
    app.on_shutdown(stop_jobs)
    if "NICEGUI_STORAGE_PATH" not in os.environ and not Storage.redis_url:
        # Sessions live beside the database, so a restart (or a restored backup) keeps them.
        # With NICEGUI_REDIS_URL they live in Redis for every replica: keep the storage NiceGUI
        # built at import, which has loaded `general` from Redis; a new one would start it empty.
        Storage.path = (services.settings.mb_data_dir / ".nicegui").resolve()
        app.storage = Storage()
    ui.run(
        root,
        host=host,
        port=port,
        title="MB Compass",
        storage_secret=services.settings.session_secret,
        reload=False,
        show=False,
        show_welcome_message=False,
        uvicorn_logging_level=services.settings.mb_log_level.lower(),
        log_config=None,
        proxy_headers=True,
    )
