"""Building blocks of synthetic agencies (used by :mod:`asn_scheduler.generate` and the
bundled samples): place and person names, unit catalogue and plans, staff, NIPs, leave,
buildings, and a solver-free bound on forced office occupancy."""
