"""Old binary Word files (.doc) through LibreOffice headless, converted to .docx and read so.

LibreOffice is optional: without it a .doc is refused with the name of what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from jixiao.ingest.budget import check_size
from jixiao.ingest.errors import IngestError
from jixiao.ingest.settings import DEFAULT, Settings
from jixiao.ingest.word import read_docx
from jixiao.model.evaluation import Evaluation, Source


def read_doc(path: Path, settings: Settings = DEFAULT) -> list[Evaluation]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise IngestError(path, "读取 .doc 需要 LibreOffice（Debian：apt-get install libreoffice-writer-nogui），"
                                "或先在 Word 中另存为 .docx")  # fmt: skip
    check_size(path)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(
                [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "docx",
                 "--outdir", tmp, str(path)],
                check=True, capture_output=True, timeout=180,
            )  # fmt: skip
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            raise IngestError(path, "LibreOffice 无法转换此 .doc 文件（文件可能已损坏或加密）") from None
        converted = Path(tmp) / (path.stem + ".docx")
        if not converted.exists():
            raise IngestError(path, "LibreOffice 无法转换此 .doc 文件（文件可能已损坏或加密）")
        try:
            evaluations = read_docx(converted, settings)
        except IngestError as exc:  # named by the file the user gave, not the converted copy
            raise IngestError(path, exc.message) from None
    return [e.model_copy(update={"source": (e.source or Source()).model_copy(update={"file": path.name})})
            for e in evaluations]  # fmt: skip
