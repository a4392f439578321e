"""benchmarks/RESULTS.md is shared by several sections: each rewrites only the text between its own two markers."""
from pathlib import Path

RESULTS = Path(__file__).parent / "RESULTS.md"


def write_block(begin, end, lines, path=RESULTS):
    """Put ``lines`` between the marker lines ``begin`` and ``end`` (added at the end the first time)."""
    block = "\n".join([begin, *lines, end])
    text = path.read_text() if path.exists() else ""
    if begin in text and end in text:
        text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + block + "\n"
    path.write_text(text)
