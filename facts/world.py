"""Drawing the world: outlines from a TopoJSON topology as an SVG path, places
projected onto it, and the part of the map that shows a set of places. A pure module (no
Django).

The projection is equirectangular on a `WIDTH` × `HEIGHT` plane: longitude −180…180 runs
left to right, latitude 90…−90 top to bottom; good enough for a reader's overview.
"""

from __future__ import annotations

from collections.abc import Iterable

WIDTH, HEIGHT = 1000.0, 500.0


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Where a place lies on the plane."""
    return (longitude + 180) * WIDTH / 360, (90 - latitude) * HEIGHT / 180


def outline_path(topology: dict, name: str) -> str:
    """The SVG path data of the topology's object `name` (polygons and multipolygons),
    projected (`project`), coordinates to a tenth of a unit. A ring is closed, unless it
    crosses the antimeridian: there it is cut, rather than drawn across the map."""
    arcs = _decoded_arcs(topology)
    rings = []
    for geometry in _geometries(topology["objects"][name]):
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            rings.extend(_ring(arcs, indexes) for indexes in polygon)
    return "".join(_ring_path(ring) for ring in rings)


def _ring_path(ring: list[tuple[float, float]]) -> str:
    path, cut = [], False
    for index, (longitude, latitude) in enumerate(ring):
        x, y = project(longitude, latitude)
        jumped = index and abs(longitude - ring[index - 1][0]) > 180
        cut = cut or bool(jumped)
        path.append(f"{'M' if index == 0 or jumped else 'L'}{x:.1f},{y:.1f}")
    return "".join(path) + ("" if cut else "Z")


def view_box(
    points: Iterable[tuple[float, float]], *, margin: float = 30, narrowest: float = 120
) -> tuple[float, float, float, float]:
    """The part of the plane (x, y, width, height) that shows every projected point with
    `margin` around, at least `narrowest` wide, in the map's proportions and within it;
    the whole map when there are no points."""
    points = list(points)
    if not points:
        return 0.0, 0.0, WIDTH, HEIGHT
    xs, ys = [x for x, _ in points], [y for _, y in points]
    width = max(max(xs) - min(xs) + 2 * margin, narrowest, (max(ys) - min(ys) + 2 * margin) * 2)
    width = min(width, WIDTH)
    height = width * HEIGHT / WIDTH
    x = min(max((min(xs) + max(xs) - width) / 2, 0.0), WIDTH - width)
    y = min(max((min(ys) + max(ys) - height) / 2, 0.0), HEIGHT - height)
    return round(x, 1), round(y, 1), round(width, 1), round(height, 1)


def _geometries(item: dict) -> list[dict]:
    if item["type"] == "GeometryCollection":
        return [g for child in item["geometries"] for g in _geometries(child)]
    return [item] if item["type"] in {"Polygon", "MultiPolygon"} else []


def _decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc as (longitude, latitude) points: quantized arcs are delta-encoded
    integers, scaled and translated by the topology's transform."""
    transform = topology.get("transform")
    decoded = []
    for arc in topology["arcs"]:
        if transform is None:
            decoded.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    """A ring joined from arcs; ~i is arc i reversed. Each arc after the first starts
    where the last ended, so its first point is left out."""
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring
