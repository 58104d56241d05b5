"""Open one input file as a stream of bytes: plain or gzip (by magic bytes), read in chunks.

Readers never see an exception from here. A file that cannot be opened gives an error string;
a gzip stream that stops early (truncated or corrupt) ends the chunks and leaves :attr:`cut`
set, so a reader can keep what it read and then say where the data stopped.

Example::

    raw = RawFile("papers.jsonl.gz")
    if raw.open() is None:  # else: the reason it cannot be read
        for lineno, text, error in raw.text_lines("utf-8"):  # error "" when it decoded
            ...
        raw.close()
"""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from collections.abc import Iterable, Iterator

from kg.model import Reject

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 20
_BOM = b"\xef\xbb\xbf"


def encoding_hint(encoding: str) -> str:
    """The ``--encoding`` value to suggest when ``encoding`` fails."""
    name = codecs.lookup(encoding).name
    return "latin-1" if name.startswith("utf") else "utf-8"


def decode_error(encoding: str, byte_offset: int) -> str:
    """Reason text for bytes that do not decode (offset into the, decompressed, file)."""
    return f"not valid {encoding} at byte {byte_offset}; try --encoding {encoding_hint(encoding)}"


def split_lines(
    chunks: Iterable[bytes], raw: RawFile | None = None
) -> Iterator[tuple[int, int, bytes]]:
    """``(line number, byte offset, line without its newline)`` for each line of ``chunks``.

    A final line without a newline is yielded too, unless ``raw`` says its stream was cut
    (then that line is only the part before the cut).
    """
    lineno = 0
    offset = 0
    rest = b""
    for chunk in chunks:
        if rest:
            chunk = rest + chunk
        parts = chunk.split(b"\n")
        rest = parts.pop()
        for line in parts:
            lineno += 1
            n = len(line) + 1
            if line.endswith(b"\r"):
                line = line[:-1]
            yield lineno, offset, line
            offset += n
    if rest and not (raw is not None and raw.cut):
        yield lineno + 1, offset, rest.removesuffix(b"\r")


class RawFile:
    """One input file, opened lazily; gzip is recognised by its magic bytes, not its name."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.is_gzip = False
        # Set when the byte stream ended early: "truncated gzip", "corrupt gzip (...)", ...
        self.cut: str | None = None
        self.lines_done = 0  # complete lines handed out by lines()
        self.saw_content = False  # any non-whitespace byte seen
        self.head = b""  # the first chunk, kept for format sniffing
        self._stream: io.BufferedReader | gzip.GzipFile | None = None
        self._fh: io.BufferedReader | None = None
        self._head_used = False

    # -- opening -------------------------------------------------------------------------
    def open(self) -> str | None:
        """Open the file and read its first chunk. Returns None, or why it cannot be read."""
        try:
            fh = open(self.path, "rb")  # noqa: SIM115 - closed in close()
        except FileNotFoundError:
            return "file not found"
        except IsADirectoryError:
            return "is a directory, not a file"
        except PermissionError:
            return "cannot read: permission denied"
        except OSError as e:
            return f"cannot read: {e.strerror or e}"
        self._fh = fh
        try:
            magic = fh.read(2)
            fh.seek(0)
        except OSError as e:
            return f"cannot read: {e.strerror or e}"
        if magic == GZIP_MAGIC:
            self.is_gzip = True
            self._stream = gzip.GzipFile(fileobj=fh, mode="rb")
        else:
            self._stream = fh
        self.head = self._read_chunk()
        return None

    def close(self) -> None:
        for f in (self._stream, self._fh):
            if f is not None:
                try:
                    f.close()
                except (OSError, EOFError, zlib.error):
                    pass

    @property
    def is_empty(self) -> bool:
        """Nothing at all to read (after decompression)."""
        return not self.head and self.cut is None

    def _read_chunk(self) -> bytes:
        assert self._stream is not None
        try:
            # read1: one underlying read, so data decompressed before a cut is never lost.
            data = self._stream.read1(CHUNK)
        except EOFError:
            self.cut = "truncated gzip"
            return b""
        except (gzip.BadGzipFile, zlib.error) as e:
            self.cut = f"corrupt gzip ({e})"
            return b""
        except OSError as e:
            self.cut = f"read error ({e.strerror or e})"
            return b""
        if data and not self.saw_content and data.strip():
            self.saw_content = True
        return data

    # -- reading -------------------------------------------------------------------------
    def chunks(self) -> Iterator[bytes]:
        """All (decompressed) bytes, in chunks; stops early, with :attr:`cut` set, on a cut."""
        if not self._head_used:
            self._head_used = True
            if self.head:
                yield self.head
        while self.cut is None:
            data = self._read_chunk()
            if not data:
                return
            yield data

    def read_all(self) -> bytes:
        return b"".join(self.chunks())

    def lines(self, data: bytes | None = None) -> Iterator[tuple[int, int, bytes]]:
        """Byte lines as :func:`split_lines`; a partial last line before a cut is held back.

        ``data`` replays bytes already read (by :meth:`read_all`) from this file."""
        for item in split_lines(self.chunks() if data is None else [data], self):
            self.lines_done = item[0]
            yield item

    def text_lines(
        self, encoding: str, data: bytes | None = None
    ) -> Iterator[tuple[int, str, str]]:
        """``(line number, text, error)`` per line. Each line is decoded alone, so one bad byte
        costs one line; when it does not decode, ``error`` says why (and ``text`` is the line
        with U+FFFD for the bad bytes, for readers that need to stay in step)."""
        if not _ascii_compatible(encoding):
            yield from self._whole_text_lines(encoding, data)
            return
        utf8 = codecs.lookup(encoding).name == "utf-8"
        for lineno, offset, line in self.lines(data):
            if lineno == 1 and utf8 and line.startswith(_BOM):
                line = line[3:]
                offset += 3
            try:
                yield lineno, line.decode(encoding), ""
            except UnicodeDecodeError as e:
                yield (
                    lineno,
                    line.decode(encoding, "replace"),
                    decode_error(encoding, offset + e.start),
                )

    def _whole_text_lines(
        self, encoding: str, data: bytes | None
    ) -> Iterator[tuple[int, str, str]]:
        # UTF-16/32: a newline is not one byte, so decode the whole file and split after.
        blob = self.read_all() if data is None else data
        try:
            text = blob.decode(encoding)
            bad = ""
        except UnicodeDecodeError as e:
            text = blob[: e.start].decode(encoding, "ignore")
            bad = decode_error(encoding, e.start)
        lines = text.split("\n")
        if not bad and lines and lines[-1] == "":
            lines.pop()
        for i, line in enumerate(lines, 1):
            line = line.removesuffix("\r").removeprefix("\ufeff")
            if bad and i == len(lines):
                self.lines_done = i - 1
                yield i, line, bad
                return
            self.lines_done = i
            yield i, line, ""

    def cut_reject(self, after: str) -> Reject:
        """The Reject for a stream that stopped early, ``after`` e.g. "line 120"."""
        return Reject(self.path, "", f"{self.cut} after {after}; the rest of the file is lost")


def _ascii_compatible(encoding: str) -> bool:
    name = codecs.lookup(encoding).name
    return name == "utf-8-sig" or "\n".encode(name) == b"\n"
