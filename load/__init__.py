"""`make load`: locust against the site as `make serve` runs it (load/run.py)."""
