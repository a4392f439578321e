"""A section of the benchmark table: a title, column names, rows and notes, printed fixed-width."""
from dataclasses import dataclass, field


@dataclass
class Section:
    """One block of the table; ``rows`` are lists of already formatted strings."""
    title: str
    header: list
    rows: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def lines(self):
        """The block as text lines: title, header, rule, rows, then notes."""
        table = [self.header] + self.rows
        widths = [max(len(str(row[i])) for row in table if i < len(row)) for i in range(len(self.header))]
        fmt = lambda row: "  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip()
        out = [f"== {self.title} ==", fmt(self.header), "  ".join("-" * w for w in widths)]
        out += [fmt(row) for row in self.rows]
        return out + [f"  note: {n}" for n in self.notes]


def seconds(s):
    """A duration in the unit that reads best: µs, ms or s."""
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    if s < 1.0:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.2f} s"
