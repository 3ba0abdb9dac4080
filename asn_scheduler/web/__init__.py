"""The planner's web page and JSON API (``asn-scheduler serve``): FastAPI + Jinja2
templates + a little vendored HTMX, over the same library calls as the command line.

Needs the ``web`` extra (``pip install asn-scheduler[web]``).
"""
