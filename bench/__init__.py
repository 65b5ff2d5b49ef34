"""The benchmark: our builder against Pelican and Hugo (run it with bench/run)."""
