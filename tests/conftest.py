"""Shared fixtures: tiny hand-built worlds with human names."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("ASN_SCHEDULER_TEST", "1")


@pytest.fixture
def anyio_backend() -> str:  # pragma: no cover - not used, keeps plugins quiet
    return "asyncio"
