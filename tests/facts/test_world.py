"""Drawing the world: projection, outlines from TopoJSON, the part of the map to show; no
database."""

import json
from pathlib import Path

import pytest

from facts.world import HEIGHT, WIDTH, outline_path, project, view_box

COUNTRIES = Path(__file__).resolve().parents[2] / "facts/data/world-atlas/countries-110m.json"


@pytest.mark.parametrize(
    ("place", "at"),
    [((-180, 90), (0, 0)), ((180, -90), (WIDTH, HEIGHT)), ((0, 0), (WIDTH / 2, HEIGHT / 2))],
)
def test_the_plane_runs_west_to_east_and_north_to_south(place, at):
    assert project(*place) == at


def square(arcs, transform=None) -> dict:
    topology = {
        "type": "Topology",
        "arcs": arcs,
        "objects": {
            "land": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "arcs": [[0, ~1]]}, {"type": "Point"}],
            }
        },
    }
    return topology | ({"transform": transform} if transform else {})


def test_a_ring_is_joined_from_its_arcs_one_reversed_and_closed():
    # Two arcs from (0, 0) to (10, 10), one by the east and one by the north; the ring
    # follows the first and the second backwards.
    topology = square([[[0, 0], [10, 0], [10, 10]], [[0, 0], [0, 10], [10, 10]]])

    assert outline_path(topology, "land") == (
        "M500.0,250.0L527.8,250.0L527.8,222.2L500.0,222.2L500.0,250.0Z"
    )


def test_quantized_arcs_are_decoded_from_their_deltas():
    transform = {"scale": [0.5, 0.5], "translate": [-10, -10]}
    quantized = square([[[20, 20], [20, 0], [0, 20]], [[20, 20], [0, 20], [20, 0]]], transform)
    plain = square([[[0, 0], [10, 0], [10, 10]], [[0, 0], [0, 10], [10, 10]]])

    assert outline_path(quantized, "land") == outline_path(plain, "land")


def test_a_ring_across_the_antimeridian_is_cut_there_not_drawn_across_the_map():
    topology = square([[[170, 60], [-170, 60], [-170, 65]], [[170, 60], [170, 65], [-170, 65]]])

    path = outline_path(topology, "land")

    assert path.count("M") == 3
    assert not path.endswith("Z")


def test_the_vendored_outline_draws_every_country():
    topology = json.loads(COUNTRIES.read_text(encoding="utf-8"))

    path = outline_path(topology, "countries")

    assert len(topology["objects"]["countries"]["geometries"]) > 170
    assert path.count("M") > 250


def test_with_no_markers_the_whole_world_shows():
    assert view_box([]) == (0, 0, WIDTH, HEIGHT)


def test_one_marker_shows_its_region_centred_in_the_maps_proportions():
    x, y, width, height = view_box([project(1.4, 18.4)])

    assert (width, height) == (120, 60)
    assert x + width / 2 == pytest.approx(project(1.4, 18.4)[0], abs=0.1)
    assert y + height / 2 == pytest.approx(project(1.4, 18.4)[1], abs=0.1)


def test_markers_far_apart_show_together_and_the_view_stays_on_the_map():
    points = [project(-170, 80), project(170, -80)]

    assert view_box(points) == (0, 0, WIDTH, HEIGHT)
    x, _, width, height = view_box([project(179, 0)])
    assert x + width == WIDTH
    assert (width, height) == (120, 60)
