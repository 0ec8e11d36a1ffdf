from urllib.parse import urlsplit, urlunsplit


def with_database(url: str, number: int) -> str:
    """The same Redis server, another logical database: isolates a test stack's
    queues and cache from the in-process tests that share the server."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{number}"))
