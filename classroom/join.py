"""How students join: the link with this machine's LAN address, and its QR code for the projector."""

import io
import socket

import segno

QUERY_KEY = "class"  # ?class=CODE


def lan_address() -> str:
    """This machine's address on the local network (the one its default route uses); 127.0.0.1 if none."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # UDP connect sends nothing: it only picks the outgoing address
            return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"


def join_url(address: str, port: int | str, code: str) -> str:
    """http://ADDRESS:PORT/?class=CODE (an address typed with http:// or a trailing / is accepted)."""
    host = address.strip().removeprefix("http://").removeprefix("https://").rstrip("/")
    if ":" not in host:
        host = f"{host}:{port}"
    return f"http://{host}/?{QUERY_KEY}={code}"


def qr_png(url: str, scale: int = 10) -> bytes:
    """The QR code of `url` as PNG bytes (black on white, with the standard quiet zone)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
