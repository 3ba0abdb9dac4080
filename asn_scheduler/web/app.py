"""The FastAPI application: settings, templates, the job pool's lifetime, error pages.

Routes live in :mod:`asn_scheduler.web.pages` (HTML) and :mod:`asn_scheduler.web.api`
(JSON under ``/api/``); both are thin over :mod:`asn_scheduler.web.service` and the
library. :func:`create_app` builds an app for one data folder; ``asn-scheduler serve``
runs it with uvicorn.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from asn_scheduler._version import __version__
from asn_scheduler.i18n import Lang
from asn_scheduler.web.runner import JobRunner
from asn_scheduler.web.security import CSRF_COOKIE, BodyTooLarge, Guards, form_page, new_csrf
from asn_scheduler.web.store import Store
from asn_scheduler.web.texts import Texts

HERE = Path(__file__).parent
TOKEN_ENV = "ASN_SCHEDULER_TOKEN"
LANG_COOKIE = "asn_lang"


@dataclass(frozen=True)
class Settings:
    """How the app runs. ``workers``: jobs solved at once (one process each);
    ``max_queue``: jobs that may wait; ``job_timeout``: seconds a job may run;
    ``max_upload``: bytes per upload request; ``token``: access token/password
    (``None``: open, for 127.0.0.1)."""

    data_dir: Path
    workers: int = 2
    max_queue: int = 16
    job_timeout: float = 600.0
    retention_hours: float = 24.0
    max_upload: int = 20 * 2**20
    token: str | None = field(default=None, repr=False)

    @property
    def max_solve_time(self) -> float:
        """The longest solver time limit a job may ask for (room left to write)."""
        return max(1.0, self.job_timeout * 0.8)


def lang_of(request: Request) -> Lang:
    """``?lang=`` on this request, else the cookie, else Bahasa Indonesia."""
    q = request.query_params.get("lang")
    if q in ("id", "en"):
        return q  # type: ignore[return-value]
    return "en" if request.cookies.get(LANG_COOKIE) == "en" else "id"


def _tr(value: Any, lang: Lang) -> str:
    if isinstance(value, dict):
        return str(value.get(lang, value.get("id", "")))
    return "" if value is None else str(value)


def make_templates() -> Jinja2Templates:
    """The Jinja environment: autoescaping on for every template (user text is never
    marked safe)."""
    tpl = Jinja2Templates(directory=str(HERE / "templates"))
    tpl.env.autoescape = True
    tpl.env.filters["pct"] = lambda v, d=1: "-" if v is None else f"{v * 100:.{d}f}%"
    tpl.env.filters["num"] = lambda v, d=0: "-" if v is None else f"{v:,.{d}f}"
    return tpl


def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
    """A page in the request's language, with the CSRF cookie set when missing."""
    lang = lang_of(request)
    csrf = request.cookies.get(CSRF_COOKIE) or new_csrf()

    def lang_url(code: str) -> str:
        params = dict(request.query_params)
        params.pop("error", None)
        params["lang"] = code
        return f"{request.url.path}?{urlencode(params)}"

    app = request.app
    base = {"request": request, "lang": lang, "t": Texts(lang), "csrf": csrf,
            "tr": lambda v: _tr(v, lang), "lang_url": lang_url, "version": __version__,
            "settings": app.state.settings, "auth": bool(app.state.settings.token)}
    resp = app.state.templates.TemplateResponse(request, name, {**base, **ctx},
                                                status_code=status)
    secure = request.url.scheme == "https"
    if request.cookies.get(CSRF_COOKIE) != csrf:
        resp.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=secure)
    if request.query_params.get("lang") in ("id", "en"):
        resp.set_cookie(LANG_COOKIE, lang, samesite="lax", max_age=365 * 86400, secure=secure)
    return resp


def create_app(settings: Settings) -> Any:
    """The ASGI app for ``settings`` (guards outermost). The job pool starts with the
    app's lifespan and stops with it."""
    store = Store(Path(settings.data_dir))
    runner = JobRunner(store, workers=settings.workers, max_queue=settings.max_queue,
                       job_timeout=settings.job_timeout,
                       retention_s=settings.retention_hours * 3600)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        runner.start()
        try:
            yield
        finally:
            runner.stop()

    app = FastAPI(title="asn-scheduler", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="JSON API of the ASN WFH/WFO scheduler: submit a workbook, "
                              "follow the job, download the checked roster. Fields are "
                              "named like the command line's options.")
    app.state.settings = settings
    app.state.store = store
    app.state.runner = runner
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from asn_scheduler.web import api, pages

    app.include_router(pages.router)
    app.include_router(api.router)

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, _exc: BodyTooLarge) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "request body too large"}, status_code=413)
        return RedirectResponse(f"{form_page(request.url.path)}?error=too_big",
                                status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        t = Texts(lang_of(request))
        text = t.not_found if exc.status_code == 404 else str(exc.detail)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "not found" if exc.status_code == 404 else text},
                                status_code=exc.status_code, headers=exc.headers)
        return render(request, "message.html", {"title": t.error_title, "message": text},
                      status=exc.status_code)

    @app.get("/healthz", include_in_schema=False)
    async def _health() -> HTMLResponse:
        return HTMLResponse("ok")

    return Guards(app, max_body=settings.max_upload + 256 * 1024, token=settings.token)


def settings_from_env(data_dir: Path, **kw: Any) -> Settings:
    """Settings with the access token read from ``ASN_SCHEDULER_TOKEN`` (never a CLI
    argument: it would show in the process list)."""
    token = os.environ.get(TOKEN_ENV) or None
    return Settings(data_dir=data_dir, token=token, **kw)
