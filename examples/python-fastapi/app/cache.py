"""The redis layer: a cache at REDIS_URL."""
import logging
import os
import uuid

import redis
from fastapi import APIRouter, HTTPException
from fastapi.responses import PlainTextResponse

log = logging.getLogger("uvicorn.error")
client = redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=5)
router = APIRouter()


def startup() -> None:
    client.ping()
    log.info("cache ready")


@router.get("/health/redis", response_class=PlainTextResponse)
def health_redis() -> str:
    # A real round trip: write a short-lived key and read it back.
    key = f"health:{uuid.uuid4().hex}"
    client.set(key, "ok", ex=30)
    if client.get(key) != b"ok":
        raise HTTPException(status_code=500, detail="redis returned another value than it was given")
    client.delete(key)
    return "ok"
