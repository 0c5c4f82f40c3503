"""ultra-backend: a FastAPI service whose layers switch on with FEATURE_* environment flags."""
