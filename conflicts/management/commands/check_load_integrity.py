"""After `make load`: is every approval the server confirmed in history exactly once?

Reads the approvals the load test recorded (JSON lines of {"proposal", "marker"}) and
checks each against the database: the proposal is approved, with a resulting revision,
and its marker was written by that revision and by no other. Exits non-zero on any
approval lost or doubled.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from reversion.models import Version

from conflicts import models as m


class Command(BaseCommand):
    help = "Check that every approval a load test recorded is in history exactly once."

    def add_arguments(self, parser):
        parser.add_argument("approvals", type=Path, help="The load test's approvals file.")

    def handle(self, *args, approvals: Path, **options):
        try:
            lines = approvals.read_text().splitlines()
        except FileNotFoundError:
            lines = []
        recorded = [json.loads(line) for line in lines if line.strip()]
        proposals = m.Proposal.objects.in_bulk([entry["proposal"] for entry in recorded])
        problems = []
        for entry in recorded:
            problem = _problem(proposals.get(entry["proposal"]), entry["marker"])
            if problem:
                problems.append(f"proposal {entry['proposal']}: {problem}")
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            lost = f"{len(problems)} of {len(recorded)} approvals"
            raise CommandError(f"{lost} are not in history exactly once.")
        self.stdout.write(f"All {len(recorded)} approvals are in history exactly once.")


def _problem(proposal: m.Proposal | None, marker: str) -> str:
    if proposal is None:
        return "missing"
    if proposal.status != m.Proposal.Status.APPROVED or proposal.resulting_revision_id is None:
        return f"{proposal.status}, not approved"
    # A revision stores the parts it changed: the marker's field is stored once, by the
    # revision that wrote it, and by none other (no later correction writes that marker).
    written_by = set(
        Version.objects.filter(serialized_data__contains=marker).values_list(
            "revision_id", flat=True
        )
    )
    if written_by != {proposal.resulting_revision_id}:
        return f"its change is in revisions {sorted(written_by)}, not once in its own"
    return ""
