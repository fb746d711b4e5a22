"""Where the model stages run: in this process (``local``) or on a Ray cluster (``ray``).

An engine computes what the cache lacks before the pipeline asks for it: the claim vectors, and
the NLI scores of every directed candidate pair. It plans the work in the order the models would
see it (``checker.engine.work``), computes it in chunks, and writes each chunk to the content-hash
cache as soon as it is done, so that

* a run killed halfway picks up where it stopped (the finished chunks are cached);
* long runs show progress with a rate and an ETA;
* the pipeline's own stages then find every row in the cache and load no model: the findings are
  the same whichever engine computed the rows, because both feed the models the same batches.

``engine = "ray"`` (``check CORPUS --engine ray [--ray-address ADDR]``) also reads the articles,
splits them into claims and reads their facts with Ray Data ``map_batches``, and holds the models
in actor pools.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.config import Config
    from checker.engine.work import Engine

ENGINES = ("local", "ray")


def get_engine(config: Config) -> Engine:
    """The engine ``config.engine`` names (Ray is imported only when chosen)."""
    if config.engine == "ray":
        from checker.engine.ray_engine import RayEngine

        return RayEngine(config)
    from checker.engine.local import LocalEngine

    return LocalEngine(config)
