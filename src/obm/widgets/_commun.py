"""Ce que les widgets du cours partagent."""

from __future__ import annotations

import io


def _png(figure) -> bytes:
    tampon = io.BytesIO()
    figure.savefig(tampon, format="png", dpi=80, bbox_inches="tight")
    return tampon.getvalue()
