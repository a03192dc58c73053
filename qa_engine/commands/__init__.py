"""Command groups of the ``qa`` CLI, one module per area, each with ``register(app)``."""
