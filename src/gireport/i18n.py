"""The words gireport itself says — summaries, statuses and the command
line's errors — in Chinese (the default) and English.

One catalogue, :data:`MESSAGES`: a key, its Chinese and its English text
with ``str.format`` fields.  :func:`tr` picks one; an unknown language falls
back to Chinese.  Findings carry their own two messages (``message`` and
``message_en``); this catalogue is for everything around them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LANGS", "MESSAGES", "tr", "plural"]

#: The languages of the interface.
LANGS = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # summaries
    "summary": (
        "{files} 个文件{unreadable}:{errors} 个错误,{warnings} 个警告,{infos} 个提示;数字声明 {claims} 个,已核验 {checked} 个,无法核验 {untestable} 个(可核验率 {rate})",
        "{files_en}{unreadable}: {errors_en}, {warnings_en}, {infos} info; {claims} claims, {checked} checked, {untestable} untestable (testable rate {rate})",
    ),
    "unreadable": ("(其中 {n} 个无法审核)", " ({n} unreadable)"),
    "n/a": ("无", "n/a"),
    # path statuses
    "status.ok": ("已审核", "ok"),
    "status.failed": ("审核失败", "failed"),
    "status.unsupported": ("不支持的格式", "unsupported"),
    "status.duplicate": ("重复文件", "duplicate"),
    "status.gone": ("已不存在", "gone"),
    "status.pending": ("尚未审核", "pending"),
    "duplicate_of": ("与 {path} 内容相同", "duplicate of {path}"),
    # the command line
    "error": ("错误", "error"),
    "written": ("已写入 {path}", "written to {path}"),
    "stored": ("结果已存入 {path}", "results stored in {path}"),
    "rows_written": ("{n} 行已写入 {path}", "{n} rows written to {path}"),
    "no_store": ("{path}:没有这个结果库", "{path}: no such result store"),
    "baseline_written": ("基线:{files} 个文件的 {n} 个问题已写入 {path}", "baseline: {n} finding{s_n} of {files} file{s_files} written to {path}"),
    "not_found": ("{path}:找不到文件(没有这个文件或文件夹)", "{path}: file not found (no such file or folder)"),
    "no_reports": ("{path}:文件夹中没有报告文件(gireport 可读取 {suffixes})", "{path}: no report file in this folder (gireport reads {suffixes})"),
    "baseline_applied": (
        "基线 {path}:隐藏已知问题 {hidden} 个,{stale} 条记录已不再出现",
        "baseline {path}: {hidden} known finding{s_hidden} hidden, {stale} entr{ies} no longer found",
    ),
    "stale": ("  已消失:{file} {code} {fingerprint}", "  stale: {file} {code} {fingerprint}"),
    "and_more": ("  …… 另有 {n} 条", "  … and {n} more"),
    "xlsx_needs_file": ("--format xlsx 写出工作簿:请用 -o 文件.xlsx 指定文件", "--format xlsx writes a workbook: give -o FILE.xlsx"),
    "parquet_needs_file": ("--format parquet 写出文件:请用 -o 文件.parquet 指定文件", "--format parquet writes a file: give -o FILE.parquet"),
    "cannot_write": ("{path}:无法写出结果:{why}", "{path}: cannot write the output: {why}"),
    "no_folder": ("没有文件夹 {folder}", "no folder {folder}"),
    "is_folder": ("这是一个文件夹", "it is a folder"),
    "read_only": ("所在文件夹只读", "the folder is read-only"),
    "workers_min": ("--workers 至少为 1", "--workers must be at least 1"),
    # batch summary (BatchSummary.text)
    "batch.status": ("{files} 个路径,{parts}{gone}", "{files} file{s_files}: {parts}{gone}"),
    "batch.gone": (";已不存在 {n}", "; {n} gone"),
    "batch.head": (
        "批量审核:{status}(本次审核 {audited} 个,沿用已存结果 {reused} 个),用时 {seconds:.1f} 秒(每秒 {rate:.1f} 个文件,{workers} 个工作进程)",
        "batch: {status} ({audited} audited, {reused} from the store) in {seconds:.1f} s ({rate:.1f} files/s, {workers} worker{s_workers})",
    ),
    "batch.findings": ("问题:{errors} 个错误,{warnings} 个警告,{infos} 个提示", "findings: {errors} error, {warnings} warning, {infos} info"),
    "batch.corpus": ("(其中跨年度规则 {n} 个)", " ({n} from cross-year rules)"),
    "batch.failures": ("审核失败:", "failed: "),
}


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 error"``, ``"2 errors"`` (English only)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def tr(key: str, lang: str = "zh", **kw: Any) -> str:
    """The text of ``key`` in ``lang`` (Chinese when ``lang`` is not one of
    :data:`LANGS`), its fields filled from ``kw``."""
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**kw)
