"""The ASGI app: the health layer always, every other layer when its FEATURE_* flag is "1".

A layer's module is imported only when its flag is set, so the image of an earlier phase starts without
the libraries (and the files) of the layers after it.
"""
import importlib
import os

from fastapi import FastAPI

from app import health

# flag -> module, in the order the phases add them
LAYERS = {
    "FEATURE_DB": "app.db",
    "FEATURE_REDIS": "app.cache",
    "FEATURE_AUTH": "app.auth",
    "FEATURE_LLM": "app.llm",
}

layers = [health] + [importlib.import_module(name) for flag, name in LAYERS.items() if os.environ.get(flag) == "1"]

app = FastAPI(
    title="ultra-backend",
    # Startup hooks as a list, not a lifespan: bookworm's FastAPI 0.92 predates lifespan handlers.
    on_startup=[layer.startup for layer in layers if hasattr(layer, "startup")],
)
for layer in layers:
    app.include_router(layer.router)
