"""The planner's pages (HTML, server-rendered; every form works without JavaScript).

Every POST comes from one of our forms and carries the CSRF field; every POST answers
with a redirect (303) to a page that can be reloaded and linked.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from asn_scheduler.web import service
from asn_scheduler.web.app import lang_of, render
from asn_scheduler.web.runner import QueueFull
from asn_scheduler.web.security import AUTH_COOKIE, CSRF_COOKIE, check_csrf, same, session_value
from asn_scheduler.web.store import ACTIVE
from asn_scheduler.web.texts import Texts
from asn_scheduler.web.worker import CALENDARS, COMPARISON, PDF, PERSONAL, REPORT, ROSTER

router = APIRouter(include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = {ROSTER: XLSX, REPORT: XLSX, COMPARISON: XLSX, PDF: "application/pdf",
             PERSONAL: "application/pdf", CALENDARS: "application/zip"}
"""The only names a job's download route serves, with their media types."""


def _state(request: Request) -> tuple[Any, Any, Any]:
    s = request.app.state
    return s.store, s.runner, s.settings


async def _form(request: Request) -> Any:
    """The posted form, after its CSRF field was checked (403 otherwise)."""
    form = await request.form()
    if not check_csrf(request.cookies.get(CSRF_COOKIE), form.get("csrf")):
        raise HTTPException(403, Texts(lang_of(request)).bad_form)
    return form


def _error_text(request: Request, code: str | None) -> str | None:
    t = Texts(lang_of(request))
    mb = request.app.state.settings.max_upload // 2**20
    return {"too_big": t("too_big", mb=mb), "no_file": t.no_file,
            "queue_full": t.queue_full, None: None}.get(code)


def _upload_file(form: Any, name: str) -> Any | None:
    f = form.get(name)
    return f if f is not None and getattr(f, "filename", "") else None


# ---------------------------------------------------------------------- upload
@router.get("/")
async def upload_page(request: Request) -> Response:
    _, _, settings = _state(request)
    return render(request, "upload.html", {
        "error": _error_text(request, request.query_params.get("error")),
        "mb": settings.max_upload // 2**20})


@router.post("/")
async def upload(request: Request) -> Response:
    store, _, _ = _state(request)
    form = await _form(request)
    f = _upload_file(form, "input")
    if f is None:
        return RedirectResponse("/?error=no_file", status_code=303)
    wid, folder, names = service.store_uploads(store, {"input": f})
    await run_in_threadpool(service.validate, folder, names["input"])
    return RedirectResponse(f"/w/{wid}", status_code=303)


@router.get("/template.xlsx")
async def template(request: Request) -> Response:
    from asn_scheduler.excel.template import write_template

    store, _, _ = _state(request)
    lang = lang_of(request)
    path = store.root / f"template-{lang}.xlsx"
    if not path.exists():
        await run_in_threadpool(write_template, path, lang)
    return FileResponse(path, media_type=XLSX, filename="templat-asn-scheduler.xlsx")


@router.get("/w/{wid}")
async def workbook_page(request: Request, wid: str) -> Response:
    store, _, settings = _state(request)
    folder = store.upload_dir(wid)
    data = service.validation(folder) if folder else None
    if data is None:
        raise HTTPException(404)
    q = request.query_params
    bad = q.get("bad")
    period: dict[str, str | None] = {"start": None, "end": None}
    if data["ok"] and (q.get("start") or q.get("end")):
        try:
            period = service.options(q, settings.max_solve_time)
            period = {"start": period["start"], "end": period["end"]}
            data["coverage"] = await run_in_threadpool(
                service.coverage_for, folder, data["file"], period["start"], period["end"])
        except service.OptionError as exc:
            bad = exc.field
    typed = service.typed_form(folder) if bad else {}
    return render(request, "workbook.html", {
        "wid": wid, "v": data, "scenarios": service.scenario_cards(), "period": period,
        "chosen": q.get("scenario") or typed.get("scenario") or "se-17-2023",
        "error": _error_text(request, q.get("error")), "bad": bad,
        "bad_msg": typed.get("msg") if typed.get("field") == bad else None,
        "typed": typed, "max_time": settings.max_solve_time,
        "mb": settings.max_upload // 2**20})


@router.get("/w/{wid}/issues.xlsx")
async def issues(request: Request, wid: str) -> Response:
    from asn_scheduler.domain.problems import InputProblem
    from asn_scheduler.excel.issues import write_issues_workbook
    from asn_scheduler.i18n import Msg

    store, _, _ = _state(request)
    folder = store.upload_dir(wid)
    data = service.validation(folder) if folder else None
    if data is None:
        raise HTTPException(404)
    rows = data["problems"] or data.get("warnings", [])
    problems = [InputProblem(r["sheet"] or None, r["row"], r["column"] or None, r["value"],
                             Msg(**r["problem"]), Msg(**r["fix"]), r["severity"]) for r in rows]
    lang = lang_of(request)
    path = folder / f"masalah-{lang}.xlsx"
    await run_in_threadpool(write_issues_workbook, problems, path, lang)
    return FileResponse(path, media_type=XLSX, filename="masalah.xlsx")


@router.post("/w/{wid}/solve")
async def solve(request: Request, wid: str) -> Response:
    store, _runner, settings = _state(request)
    folder = store.upload_dir(wid)
    data = service.validation(folder) if folder else None
    if data is None or not data["ok"]:
        raise HTTPException(404)
    form = await _form(request)
    try:
        params = service.options(form, settings.max_solve_time)
        params["scenario"] = service.scenario_name(form.get("scenario"))
        params["set"] = await run_in_threadpool(service.scenario_sets, form, params["scenario"])
        params["best_effort"] = service.flag(form, "best_effort")
        prev_folder, previous = service.store_previous(store, form.getlist("previous"),
                                                       {data["file"]})
    except service.OptionError as exc:
        service.remember_form(folder, exc, form)  # shown again with the message
        return RedirectResponse(f"/w/{wid}?bad={exc.field}", status_code=303)
    service.forget_form(folder)
    names = {"input": data["file"]}
    params.update(lang=lang_of(request), files=names, previous=previous)
    files = service.job_files(folder, names)
    if prev_folder is not None:
        files.update({n: prev_folder / "in" / n for n in previous})
    return _submit(request, "solve", params, files, f"/w/{wid}")


def _submit(request: Request, kind: str, params: dict[str, Any], files: dict[str, Path],
            back: str) -> Response:
    store, runner, _ = _state(request)
    try:
        jid = service.new_job(store, runner, kind, params, files)
    except QueueFull:
        return RedirectResponse(f"{back}?error=queue_full", status_code=303)
    return RedirectResponse(f"/jobs/{jid}", status_code=303)


# ---------------------------------------------------------------------- jobs
def _job(request: Request, jid: str) -> dict[str, Any]:
    store, runner, _ = _state(request)
    job = store.job(jid)
    if job is None:
        raise HTTPException(404)
    job["ahead"] = runner.position(jid)
    return job


@router.get("/jobs/{jid}")
async def job_page(request: Request, jid: str) -> Response:
    job = _job(request, jid)
    if job["status"] in ACTIVE:
        return render(request, "progress.html", {"job": job})
    if job["status"] != "done":
        return render(request, "failed.html", {"job": job})
    store, _, _ = _state(request)
    from asn_scheduler.web.store import read_json

    result = read_json(store.job_dir(jid) / "result.json") or {}
    made = set((job.get("outcome") or {}).get("files") or ())
    ctx: dict[str, Any] = {"job": job, "r": result, "files": made}
    if result.get("kind") == "solve" and result.get("roster"):
        units = result["roster"]["units"]
        code = request.query_params.get("unit")
        # by default the first unit with WFH days: a direct service's all-WFO grid says little
        busy = next((u for u in units if any(p["wfh"] for p in u["people"])), None)
        first = busy or (units[0] if units else None)
        ctx["unit"] = next((u for u in units if u["code"] == code), first)
        ctx["months"] = _months(result["roster"]["dates"])
    return render(request, f"result_{result.get('kind', 'solve')}.html", ctx)


def _months(dates: list[str]) -> list[tuple[str, int]]:
    """(YYYY-MM, number of dates) for the grid's month header."""
    out: list[tuple[str, int]] = []
    for d in dates:
        if out and out[-1][0] == d[:7]:
            out[-1] = (d[:7], out[-1][1] + 1)
        else:
            out.append((d[:7], 1))
    return out


@router.get("/jobs/{jid}/progress")
async def progress_fragment(request: Request, jid: str) -> Response:
    job = _job(request, jid)
    resp = render(request, "_progress.html", {"job": job})
    if job["status"] not in ACTIVE:
        resp.headers["HX-Redirect"] = f"/jobs/{jid}"
    return resp


@router.post("/jobs/{jid}/cancel")
async def cancel(request: Request, jid: str) -> Response:
    _job(request, jid)
    await _form(request)
    request.app.state.runner.cancel(jid)
    return RedirectResponse(f"/jobs/{jid}", status_code=303)


@router.get("/jobs/{jid}/files/{name}")
async def download(request: Request, jid: str, name: str) -> Response:
    store, _, _ = _state(request)
    folder = store.job_dir(jid)
    if folder is None or name not in DOWNLOADS or not (folder / name).is_file():
        raise HTTPException(404)
    return FileResponse(folder / name, media_type=DOWNLOADS[name], filename=name)


@router.get("/jobs/{jid}/people/{row}")
async def person(request: Request, jid: str, row: int) -> Response:
    from datetime import date

    from asn_scheduler.web.store import read_json

    job = _job(request, jid)
    store, _, _ = _state(request)
    result = read_json(store.job_dir(jid) / "result.json") or {}
    roster = result.get("roster") or {}
    found = next(((u, p) for u in roster.get("units", []) for p in u["people"]
                  if p["row"] == row), None)
    if found is None:
        raise HTTPException(404)
    unit, p = found
    # calendar weeks: Monday-first rows of (date, code) or None
    days = [date.fromisoformat(d) for d in roster["dates"]]
    weeks: dict[tuple[int, int], list[Any]] = {}
    for d, code in zip(days, p["codes"], strict=True):
        week = weeks.setdefault(d.isocalendar()[:2], [None] * 7)
        week[d.weekday()] = (d, code)
    grid = list(weeks.values())
    return render(request, "person.html", {"job": job, "r": result, "unit": unit, "p": p,
                                           "weeks": grid})


# ---------------------------------------------------------------------- compare, check
def _form_page(request: Request, template: str) -> Response:
    """The compare or check form: the scenarios, the refused field or error, the limit."""
    return render(request, template, {
        "scenarios": service.scenario_cards(), "bad": request.query_params.get("bad"),
        "error": _error_text(request, request.query_params.get("error")),
        "mb": request.app.state.settings.max_upload // 2**20})


@router.get("/compare")
async def compare_page(request: Request) -> Response:
    return _form_page(request, "compare.html")


@router.post("/compare")
async def compare(request: Request) -> Response:
    store, _, settings = _state(request)
    form = await _form(request)
    f = _upload_file(form, "input")
    if f is None:
        return RedirectResponse("/compare?error=no_file", status_code=303)
    try:
        params = service.options(form, settings.max_solve_time)
        names = [service.scenario_name(s) for s in form.getlist("scenario")]
        if not names:
            raise service.OptionError("scenario", service.Msg("", ""))
    except service.OptionError as exc:
        return RedirectResponse(f"/compare?bad={exc.field}", status_code=303)
    _wid, folder, files = service.store_uploads(store, {"input": f})
    params.update(scenarios=names, lang=lang_of(request), files=files)
    return _submit(request, "compare", params, service.job_files(folder, files), "/compare")


@router.get("/check")
async def check_page(request: Request) -> Response:
    return _form_page(request, "check.html")


@router.post("/check")
async def check(request: Request) -> Response:
    store, _, settings = _state(request)
    form = await _form(request)
    f, r = _upload_file(form, "input"), _upload_file(form, "roster")
    if f is None or r is None:
        return RedirectResponse("/check?error=no_file", status_code=303)
    try:
        params = service.options(form, settings.max_solve_time, dates=False)
        params["scenario"] = service.scenario_name(form.get("scenario"))
    except service.OptionError as exc:
        return RedirectResponse(f"/check?bad={exc.field}", status_code=303)
    _wid, folder, files = service.store_uploads(store, {"input": f, "roster": r})
    params.update(lang=lang_of(request), files=files)
    return _submit(request, "check", params, service.job_files(folder, files), "/check")


# ---------------------------------------------------------------------- access
@router.get("/login")
async def login_page(request: Request) -> Response:
    return render(request, "login.html", {"bad": request.query_params.get("bad")})


@router.post("/login")
async def login(request: Request) -> Response:
    token = request.app.state.settings.token
    form = await _form(request)
    if not token:
        return RedirectResponse("/", status_code=303)
    if not same(str(form.get("password") or ""), token):
        await asyncio.sleep(1.0)  # slows guessing down without locking anyone out
        return RedirectResponse("/login?bad=1", status_code=303)
    resp = RedirectResponse("/", status_code=303)
    resp.set_cookie(AUTH_COOKIE, session_value(token), httponly=True, samesite="strict",
                    secure=request.url.scheme == "https", max_age=12 * 3600)
    return resp


@router.get("/api/docs")
async def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    return render(request, "api.html", {"spec": spec})
