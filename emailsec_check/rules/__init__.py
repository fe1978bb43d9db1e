"""The shared rules: one implementation of each fact every area relies on.

``email`` (address syntax, masking), ``dates`` (reading a date someone typed), ``urls``
(the URL parser), ``hostnames`` (registered DNS names), ``hosts`` (genuine vendor hosts
and look-alikes), ``regions``, ``redact`` (secrets out of anything shown), ``suggest``
("did you mean") and ``text`` (making user text safe to show, words). Areas import
these; none writes its own.
"""
