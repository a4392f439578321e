"""Write widgets/figures/palette.json: matplotlib's colour names, colour cycle and the views' colour maps, as data.

    .venv/bin/python -m tools.palette

The live figures name colours as matplotlib does ('C0', '0.8', 'gold', '#2166ac') and shade with its colour
maps, but they must not import matplotlib: the zero-install site loads matplotlib (12 packages, 14 MB) only
when a lesson's cell imports it, and lessons 01 and 09 never do. widgets/figures/colours.py reads this file;
tests/widgets/test_colours.py checks the file against the installed matplotlib and fails if it is stale.
"""
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "widgets" / "figures" / "palette.json"
#: The colour maps the views use (network.py: RdBu; marks.contours: viridis; marks.image: gray_r).
COLORMAPS = ("RdBu", "viridis", "gray_r")


def palette():
    """{'names': {name: '#rrggbb'}, 'cycle': ['#rrggbb', …], 'colormaps': {name: [[r, g, b, a], …]}} from matplotlib."""
    import matplotlib
    from matplotlib import colors
    names = {**colors.BASE_COLORS, **colors.TABLEAU_COLORS, **colors.CSS4_COLORS}
    cmaps = {}
    for name in COLORMAPS:
        cmap = matplotlib.colormaps[name]
        cmaps[name] = [[float(v) for v in row] for row in cmap(range(cmap.N))]
    return {"names": {name: colors.to_hex(c) for name, c in sorted(names.items())},
            "cycle": [colors.to_hex(c) for c in matplotlib.rcParamsDefault["axes.prop_cycle"].by_key()["color"]],
            "colormaps": cmaps}


def text():
    """palette() as the file holds it: one name, or one row of a colour map, a line."""
    data = palette()
    names = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in data["names"].items())
    cmaps = ",\n".join(f"  {json.dumps(k)}: [\n" + ",\n".join(f"   {json.dumps(row)}" for row in rows) + "\n  ]"
                       for k, rows in data["colormaps"].items())
    return (f'{{\n "names": {{\n{names}\n }},\n "cycle": {json.dumps(data["cycle"])},\n'
            f' "colormaps": {{\n{cmaps}\n }}\n}}\n')


if __name__ == "__main__":
    OUT.write_text(text())
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e3:.0f} kB)")
