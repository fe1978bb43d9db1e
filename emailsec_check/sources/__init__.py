"""Readers for what users hand us: identity exports, request files, the run config."""
