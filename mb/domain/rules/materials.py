"""Which files can be uploaded as module materials, and how they are named in storage."""

import re
import unicodedata
from pathlib import PurePosixPath

# Extension → the content type stored and served; the browser's claim is not trusted.
ALLOWED_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".md": "text/markdown",
}
# The first bytes of a file of each binary family; a renamed executable does not pass.
_ZIP = (b"PK\x03\x04",)  # docx, xlsx, pptx and odt are zip archives
_OLE = (b"\xd0\xcf\x11\xe0",)  # doc, xls and ppt are OLE compound files
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF",),
    "image/png": (b"\x89PNG",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
    "video/webm": (b"\x1a\x45\xdf\xa3",),
    "application/msword": _OLE,
    "application/vnd.ms-excel": _OLE,
    "application/vnd.ms-powerpoint": _OLE,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _ZIP,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _ZIP,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _ZIP,
    "application/vnd.oasis.opendocument.text": _ZIP,
}
_TEXT = {"text/plain", "text/csv", "text/markdown"}
NAME_MAX = 120
# A file system allows 255 bytes in one name, and Hindi takes 3 bytes a character.
NAME_MAX_BYTES = 200
SUFFIX_MAX = 8  # a longer "extension" is part of the name: no allowed type has one


def material_problem(filename: str, data: bytes, max_bytes: int) -> str | None:
    content_type = content_type_for(filename)
    if content_type is None:
        kinds = "PDF, images, video (MP4, WebM), Office or OpenDocument files, or text"
        return f"{filename or 'That file'} cannot be uploaded: allowed are {kinds}."
    if not data:
        return f"{filename} is empty."
    if len(data) > max_bytes:
        return f"{filename} is {readable_size(len(data))}; the limit is {readable_size(max_bytes)}."
    if not _looks_like(content_type, data):
        return f"{filename} does not look like a real {PurePosixPath(filename).suffix.upper()[1:]} file."
    return None


def _looks_like(content_type: str, data: bytes) -> bool:
    """The bytes match the type the name claims, so a renamed program is not served as a document."""
    if content_type == "video/mp4":
        return data[4:8] == b"ftyp"
    if content_type == "image/webp":
        return data.startswith(b"RIFF") and data[8:12] == b"WEBP"
    if content_type in _TEXT:
        try:
            return "\x00" not in data.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return data.startswith(_SIGNATURES[content_type])


def content_type_for(filename: str) -> str | None:
    return ALLOWED_TYPES.get(PurePosixPath(filename.lower()).suffix)


def safe_filename(filename: str) -> str:
    """The name without folders or control characters, short enough for every store."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if ch.isprintable())
    name = re.sub(r"\s+", " ", name).strip(" .") or "file"
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
    if len(suffix) > SUFFIX_MAX:
        stem, suffix = name, ""
    room = NAME_MAX_BYTES - len(suffix.encode())
    stem = stem[: NAME_MAX - len(suffix)].encode()[:room].decode(errors="ignore")
    return (stem.rstrip(" .") or "file") + suffix


def readable_size(n: int) -> str:
    if n >= 1024**3:
        return f"{n / 1024**3:.1f} GB"
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"
