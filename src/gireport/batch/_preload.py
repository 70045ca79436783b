"""Imported once by the pool's fork server: loads every reader and rule and
warms the lazy caches (jieba's dictionary …) so that each forked worker
starts ready."""

from __future__ import annotations

import gireport  # noqa: F401
import gireport.audit.rules  # noqa: F401
from gireport.load import docx as _docx, html as _html, pdf as _pdf, txt as _txt  # noqa: F401

try:  # warm-up: one small audit (jieba's dictionary is loaded on first use)
    from gireport.batch.worker import collect_facts

    _a = gireport.audit(text="2021年政府信息公开工作年度报告\n一、总体情况\n本年共收到申请10件,其中予以公开5件,占50%。\n")
    collect_facts(_a)
    del _a
    from gireport.claims.subject import segment

    segment("政府信息公开申请")  # claim subjects are found lazily; load the dictionary once, here
    from gireport.lazyre import compile_all

    compile_all()  # every pattern, once, here: no worker compiles one again
except Exception:  # pragma: no cover - warm-up is best effort
    pass
