"""Extra ``qa`` command modules; each exposes ``register(app)``."""
