"""Ways to run the pipeline over many reports beyond one process (``wizyty run --engine``).

``local`` (the default) is ``extract.runner`` / ``extract.parallel``; ``dask`` spreads the
reports over a Dask cluster (``extract.engines.dask``, optional extra ``wizyty[dask]``).
"""

ENGINES = ("local", "dask")
