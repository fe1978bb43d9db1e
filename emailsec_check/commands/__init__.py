"""Typer commands, one module each. Wiring only: parse options, call the checks,
hand the report to ``common.emit``. Standard library and Typer imports only at
module level; everything heavier is imported inside the command function."""
