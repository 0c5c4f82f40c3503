"""The health layer: the liveness endpoint every later layer keeps answering."""
from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

router = APIRouter()


@router.get("/health", response_class=PlainTextResponse)
def health() -> str:
    return "ok"
