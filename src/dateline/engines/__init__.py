"""Engines: run the same pipeline stages somewhere else than this one loop.

    pool.PoolAnnotator     a process pool on one machine (``ingest --workers N``)
"""
