"""Checks, one module per area: facts in, ``Result`` values out. No printing,
no exiting, no environment, no network of their own (prober and resolver are passed in)."""
