"""The error of an invalid scenario parameter value, with its bilingual message."""

from __future__ import annotations

from asn_scheduler.i18n import Msg


class ParamError(ValueError):
    """An invalid parameter value (in a scenario file, ``--set`` or sheet ``Pengaturan``),
    said in both languages: ``msg``."""

    def __init__(self, msg: Msg):
        self.msg = msg
        super().__init__(msg.en)
