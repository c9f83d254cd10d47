"""Photos lose every piece of metadata before they are stored (issue 8)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests import security_support
from tests.security_support import csrf, gps_jpeg
from uprising.errors import InputError
from uprising.security.accounts import Role
from uprising.security.photos import strip_metadata

clients = security_support.clients
secure_app = security_support.secure_app


def _metadata(data: bytes) -> dict[str, Any]:
    with Image.open(io.BytesIO(data)) as image:
        return {"exif": dict(image.getexif()), "info": dict(image.info),
                "gps": image.getexif().get_ifd(0x8825)}


def test_the_fixture_photo_really_carries_gps() -> None:
    meta = _metadata(gps_jpeg())
    assert meta["gps"] and meta["exif"] and b"taken by someone" in gps_jpeg()


def test_strip_metadata_leaves_pixels_only() -> None:
    clean = strip_metadata(gps_jpeg())
    meta = _metadata(clean.data)
    assert meta["exif"] == {} and meta["gps"] == {}
    assert not {"exif", "comment", "icc_profile", "xmp"} & set(meta["info"])
    assert b"PhoneMaker" not in clean.data and b"taken by someone" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.size == (64, 48)


def test_png_text_chunks_are_dropped() -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "a correspondent")
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="PNG", pnginfo=info)
    clean = strip_metadata(out.getvalue())
    assert b"a correspondent" not in clean.data and clean.suffix == "png"


@pytest.mark.parametrize("raw", [b"", b"not an image", b"GIF89a" + b"\0" * 20])
def test_not_a_photo_is_refused(raw: bytes) -> None:
    with pytest.raises(InputError, match="photo"):
        strip_metadata(raw)


def test_photo_with_gps_submitted_through_the_form_is_stored_without_it(
        secure_app: Any, clients: dict[Role, Any]) -> None:
    client = clients[Role.CORRESPONDENT]
    token = csrf(client, "/submit")
    original = gps_jpeg()
    response = client.post("/submit", data={"text": "Protest in Saqqez today.", "csrf": token},
                           files={"photo": ("../../etc/evil.jpg", original, "image/jpeg")},
                           headers={"accept": "application/json"})
    assert response.status_code == 201, response.text
    sub_id = response.json()["submission"]
    stored_files = list(Path(secure_app.state.upload_dir).iterdir())
    assert len(stored_files) == 1
    stored = stored_files[0].read_bytes()
    meta = _metadata(stored)
    assert meta["gps"] == {} and meta["exif"] == {}
    assert b"PhoneMaker" not in stored and b"taken by someone" not in stored
    item = clients[Role.EDITOR].get(f"/api/submissions/{sub_id}").json()["submission"]
    import hashlib
    assert item["photo_original_sha256"] == hashlib.sha256(original).hexdigest()
    served = clients[Role.EDITOR].get(item["photo_url"])
    assert served.status_code == 200 and served.content == stored
