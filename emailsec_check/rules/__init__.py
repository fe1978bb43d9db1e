"""The shared rules: one implementation of each fact every area relies on.

``email`` (address syntax, masking), ``dates`` (reading a date someone typed),
``hosts`` (URLs and vendor hosts), ``redact`` (secrets out of anything shown) and
``text`` (making user text safe to show). Areas import these; none writes its own.
"""
