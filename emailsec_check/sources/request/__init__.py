"""Support request files: read plain "Label: value" text, TOML or JSON; write the plain form.

The plain form is what the vendors' own instructions show::

    Cisco.com ID: jdoe
    Cisco Web Order ID #: 12345678
    Issue/Request Details: Applied the licence on Monday,
      nothing arrived since.

Labels are matched loosely (letter case, spacing and punctuation do not count, and a
field's other spellings come from its profile). ``kind: ID`` names the request kind.

- ``document``: what a request is once read (entries, stray lines), plain facts;
- ``reading``: bytes to a document (``text_form`` for the plain form, ``structured`` for
  TOML and JSON), refusing what cannot be used with an ``InputError`` naming the line;
- ``kinds``: which kind a document is, which field each label means;
- ``writing``: the plain form back (``--render``) and blank templates (``--template``).
"""
