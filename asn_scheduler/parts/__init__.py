"""What the engine and the solver share about one independent part: its data, its
outcome, and the numpy readings of its rules that both need (weekly limits).

Below both in the import order (``cli`` → features → ``engine`` → ``solver`` → ``parts``
→ ``rules``/``scenario`` → ``domain``): it imports neither, so the solver adapter needs
nothing from the engine that drives it.
"""
