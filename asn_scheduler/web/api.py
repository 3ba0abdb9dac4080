"""The JSON API under ``/api/`` for an agency's own systems.

Multipart fields are named like the CLI's options (``scenario``, ``start``, ``end``,
``time_limit``, ``seed``, ``effort``, ``paper``, ``lang``, ``set`` repeated,
``previous`` files, ``best_effort``). A job's ID is its key:
there is no listing. Documented by ``/api/openapi.json`` and the page ``/api/docs``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from asn_scheduler.web import service
from asn_scheduler.web.runner import QueueFull
from asn_scheduler.web.store import read_json
from asn_scheduler.web.worker import CALENDARS, COMPARISON, PDF, PERSONAL, REPORT, ROSTER

router = APIRouter(prefix="/api", tags=["jobs"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Opt = Annotated[str | None, Form()]
Start = Annotated[str | None, Form(description="first date, YYYY-MM-DD or DD/MM/YYYY (--start)")]
End = Annotated[str | None, Form(description="last date (--end); both empty: sheet Periode, "
                                             "else the scenario's window")]
TimeLimit = Annotated[str | None, Form(description="solver seconds (--time-limit, default 60; "
                                                   "capped by the server's job limit)")]
Seed = Annotated[str | None, Form(description="random seed (--seed, default 0)")]
Effort = Annotated[str | None, Form(description="effort on preferences, rotation, teams "
                                                "(--effort, default 1)")]
Paper = Annotated[str | None, Form(description="print paper size A4 or F4 (--paper)")]
LangF = Annotated[str | None, Form(description="id or en: language of the workbooks (--lang)")]
Sets = Annotated[list[str] | None, Form(
    description="a scenario parameter KEY=VALUE (--set), repeat for each; the keys: "
                "asn-scheduler scenarios keys; checked before the job is queued")]
Previous = Annotated[list[UploadFile] | None, File(
    description="the published roster .xlsx of the period before (--previous), repeat for "
                "each; the roster then chains from it")]
BestEffort = Annotated[str | None, Form(
    description="true: when no roster meets every hard rule, make the one that breaks "
                "seats (B1) and WFO ceilings (P1) least, flagged (--best-effort)")]


def _err(status: int, field: str, msg: Any) -> JSONResponse:
    return JSONResponse({"detail": msg.en, "detail_id": msg.id, "field": field},
                        status_code=status)


def _form(**kw: Any) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v is not None}


def _links(jid: str) -> dict[str, str]:
    return {"self": f"/api/jobs/{jid}", "page": f"/jobs/{jid}",
            "result": f"/api/jobs/{jid}/result", "roster": f"/api/jobs/{jid}/roster.xlsx",
            "pdf": f"/api/jobs/{jid}/roster.pdf", "personal": f"/api/jobs/{jid}/personal.pdf",
            "calendars": f"/api/jobs/{jid}/calendars.zip"}


def _queue(request: Request, kind: str, params: dict[str, Any],
           files: dict[str, Any]) -> JSONResponse:
    s = request.app.state
    try:
        jid = service.new_job(s.store, s.runner, kind, params, files)
    except QueueFull:
        return JSONResponse({"detail": "queue full, try again later",
                             "detail_id": "antrean penuh, coba lagi nanti"},
                            status_code=503, headers={"Retry-After": "30"})
    return JSONResponse({"id": jid, "status": "queued", "links": _links(jid)},
                        status_code=202)


def _saved(request: Request, uploads: dict[str, UploadFile]) -> tuple[Path, dict[str, str]]:
    _wid, folder, names = service.store_uploads(request.app.state.store, uploads)
    return folder, names


@router.post("/jobs", status_code=202, summary="Submit a workbook to solve",
             responses={413: {"description": "upload over the size limit"},
                        422: {"description": "the workbook has problems (listed)"},
                        503: {"description": "queue full"}})
async def submit(request: Request, input: Annotated[UploadFile, File(description="input .xlsx")],
                 scenario: Annotated[str, Form(description="scenario ID, e.g. se-17-2023")],
                 start: Start = None, end: End = None, time_limit: TimeLimit = None,
                 seed: Seed = None, effort: Effort = None, paper: Paper = None,
                 lang: LangF = None, set: Sets = None, previous: Previous = None,
                 best_effort: BestEffort = None) -> JSONResponse:
    """Checks the workbook as asn-scheduler validate does (422 with every problem when it
    cannot be used) and the scenario parameters as --set does (400), then queues a solve;
    answers 202 with the job's ID and links. The previous rosters are read in the job (a
    problem there fails the job with every problem listed, as for the input)."""
    settings = request.app.state.settings
    try:
        params = service.options(_form(start=start, end=end, time_limit=time_limit, seed=seed,
                                       effort=effort, paper=paper, lang=lang),
                                 settings.max_solve_time)
        params["scenario"] = service.scenario_name(scenario)
        params["set"] = await run_in_threadpool(service.scenario_sets, {"set": set or []},
                                                params["scenario"])
        params["best_effort"] = service.flag({"best_effort": best_effort}, "best_effort")
    except service.OptionError as exc:
        return _err(400, exc.field, exc.msg)
    folder, names = _saved(request, {"input": input})
    try:
        prev_folder, prev = service.store_previous(request.app.state.store, previous or [],
                                                   {names["input"]})
    except service.OptionError as exc:
        return _err(400, exc.field, exc.msg)
    checked = await run_in_threadpool(service.validate, folder, names["input"])
    if not checked["ok"]:
        return JSONResponse({"detail": "the workbook has problems",
                             "problems": checked["problems"]}, status_code=422)
    params.update(files=names, previous=prev)
    files = service.job_files(folder, names)
    if prev_folder is not None:
        files.update({n: prev_folder / "in" / n for n in prev})
    return _queue(request, "solve", params, files)


@router.post("/check", status_code=202, summary="Check a hand-made roster")
async def check(request: Request, input: Annotated[UploadFile, File()],
                roster: Annotated[UploadFile, File()], scenario: Annotated[str, Form()],
                paper: Paper = None, lang: LangF = None) -> JSONResponse:
    """Queues an audit of the roster against the input workbook under the scenario (as
    asn-scheduler check does); the report comes as report.xlsx."""
    try:
        params = service.options(_form(paper=paper, lang=lang),
                                 request.app.state.settings.max_solve_time, dates=False)
        params["scenario"] = service.scenario_name(scenario)
    except service.OptionError as exc:
        return _err(400, exc.field, exc.msg)
    folder, names = _saved(request, {"input": input, "roster": roster})
    params["files"] = names
    return _queue(request, "check", params, service.job_files(folder, names))


@router.post("/compare", status_code=202, summary="Compare scenarios side by side")
async def compare(request: Request, input: Annotated[UploadFile, File()],
                  scenario: Annotated[list[str], Form(description="repeat for each scenario")],
                  start: Start = None, end: End = None, time_limit: TimeLimit = None,
                  seed: Seed = None, lang: LangF = None) -> JSONResponse:
    """Queues one solve per scenario and the comparison table (as asn-scheduler compare
    does); the workbook comes as comparison.xlsx."""
    try:
        params = service.options(_form(start=start, end=end, time_limit=time_limit, seed=seed,
                                       lang=lang), request.app.state.settings.max_solve_time)
        params["scenarios"] = [service.scenario_name(s) for s in scenario]
    except service.OptionError as exc:
        return _err(400, exc.field, exc.msg)
    folder, names = _saved(request, {"input": input})
    params["files"] = names
    return _queue(request, "compare", params, service.job_files(folder, names))


def _job(request: Request, jid: str) -> dict[str, Any]:
    job = request.app.state.store.job(jid)
    if job is None:
        raise HTTPException(404)
    return job


@router.get("/jobs/{jid}", summary="Status, progress and summary of a job")
async def status(request: Request, jid: str) -> dict[str, Any]:
    """status: queued, running, done, failed, cancelled or interrupted (reason: timeout,
    crashed, queue_full, error); progress: stage (validating, solving, checking, writing)
    and parts done/total; summary: the key figures and compliance per rule once done (the
    roster grid is left to /result)."""
    job = _job(request, jid)
    folder = request.app.state.store.job_dir(jid)
    result = read_json(folder / "result.json") or {}
    summary = {k: v for k, v in result.items() if k != "roster"}
    return {"id": jid, "kind": job["kind"], "status": job["status"],
            "reason": job.get("reason"), "queue_position": request.app.state.runner.position(jid),
            "progress": job["progress"], "outcome": job["outcome"], "summary": summary or None,
            "links": _links(jid)}


@router.get("/jobs/{jid}/result", summary="Everything the result page shows, roster included")
async def result(request: Request, jid: str) -> Any:
    _job(request, jid)
    data = read_json(request.app.state.store.job_dir(jid) / "result.json")
    if data is None:
        raise HTTPException(404)
    return data


@router.post("/jobs/{jid}/cancel", summary="Cancel a queued or running job")
async def cancel(request: Request, jid: str) -> dict[str, Any]:
    _job(request, jid)
    return {"id": jid, "cancelled": request.app.state.runner.cancel(jid)}


def _file(request: Request, jid: str, name: str, media_type: str = XLSX) -> FileResponse:
    _job(request, jid)
    path = request.app.state.store.job_dir(jid) / name
    if not path.is_file():
        raise HTTPException(404)
    return FileResponse(path, media_type=media_type, filename=name)


@router.get("/jobs/{jid}/roster.xlsx", summary="The roster workbook (solve jobs)",
            response_class=FileResponse)
async def roster_file(request: Request, jid: str) -> FileResponse:
    return _file(request, jid, ROSTER)


@router.get("/jobs/{jid}/roster.pdf", summary="The per-unit roster pages as a PDF (solve jobs)",
            response_class=FileResponse)
async def roster_pdf(request: Request, jid: str) -> FileResponse:
    """Made with the job when it has a roster (not for a best-effort one)."""
    return _file(request, jid, PDF, "application/pdf")


@router.get("/jobs/{jid}/personal.pdf", summary="'Jadwal saya': one page per person (PDF)",
            response_class=FileResponse)
async def personal_pdf(request: Request, jid: str) -> FileResponse:
    return _file(request, jid, PERSONAL, "application/pdf")


@router.get("/jobs/{jid}/calendars.zip",
            summary="Personal calendars: a .zip of one .ics per person (solve jobs)",
            response_class=FileResponse)
async def calendars(request: Request, jid: str) -> FileResponse:
    return _file(request, jid, CALENDARS, "application/zip")


@router.get("/jobs/{jid}/report.xlsx", summary="The compliance report (check jobs)",
            response_class=FileResponse)
async def report_file(request: Request, jid: str) -> FileResponse:
    return _file(request, jid, REPORT)


@router.get("/jobs/{jid}/comparison.xlsx", summary="The comparison workbook (compare jobs)",
            response_class=FileResponse)
async def comparison_file(request: Request, jid: str) -> FileResponse:
    return _file(request, jid, COMPARISON)


@router.get("/scenarios", tags=["scenarios"], summary="The shipped scenarios")
async def scenarios() -> list[dict[str, Any]]:
    return list(service.scenario_cards())
